/** Property tests, second half of the write endpoints: see test/support/properties.ts. */
import { describeProperties } from './support/properties.js';

describeProperties(1, 2);
