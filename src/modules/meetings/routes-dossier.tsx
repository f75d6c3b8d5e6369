// PLACEHOLDER (development scaffolding): replaced by the part of the module that owns it.
import type { RouteDef } from '../../kernel/http/module.js';

export const dossierRoutes: RouteDef[] = [];
