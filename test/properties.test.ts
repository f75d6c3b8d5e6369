/**
 * Property tests, first half of the write endpoints, and the API pipeline's test route: see
 * test/support/properties.ts.
 */
import { describeProperties } from './support/properties.js';

describeProperties(0, 2);
