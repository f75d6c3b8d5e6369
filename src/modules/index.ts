/** Every module of the application, in the order their routes, navigation and seeds apply. */
import type { TeixitModule } from '../kernel/http/module.js';
import { accountModule } from './account/index.js';
import { adminModule } from './admin/index.js';
import { apiModule } from './api/index.js';
import { bodiesModule } from './bodies/index.js';
import { directoryModule } from './directory/index.js';
import { identityModule } from './identity/index.js';
import { meetingsModule } from './meetings/index.js';
import { siteModule } from './site/index.js';
import { workgroupsModule } from './workgroups/index.js';

export const modules: TeixitModule[] = [siteModule, identityModule, accountModule(() => modules), directoryModule, bodiesModule, workgroupsModule, meetingsModule, adminModule, apiModule];
