/**
 * Working groups' lifecycle: proposal with charter, the steering group's decision, joining an
 * open group, extension and closing, periodic reports, and the steering group's follow-up page.
 */
import type { TeixitModule } from '../../kernel/http/module.js';

export const workgroupsModule: TeixitModule = {
  name: 'workgroups',
  routes: [],
};
