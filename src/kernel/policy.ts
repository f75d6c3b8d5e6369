/**
 * Named policies: one rule per action (`account.update`, `admin.people.list`…), taking the actor
 * and, where it matters, the resource. Every route names the policy that guards it; commands
 * check theirs again against the loaded resource.
 */
import { AppError } from './errors.js';

export type GlobalRole = 'admin' | 'official';

/** Who is acting: a signed-in person, or `null` for a visitor. */
export interface Actor {
  id: number;
  name: string;
  roles: GlobalRole[];
}

export type Rule<R> = (actor: Actor | null, resource: R) => boolean;

export interface Policy<R = void> {
  name: string;
  /** Does the rule need a signed-in actor at all? Visitors are then answered 401, not 403. */
  requiresSignIn: boolean;
  check: Rule<R>;
}

const registry = new Map<string, Policy<unknown>>();

/**
 * Declares a named policy. Names are unique across the application.
 * @example const updateAccount = definePolicy('account.update', { requiresSignIn: true }, (a) => a !== null);
 */
export function definePolicy<R = void>(name: string, options: { requiresSignIn: boolean }, check: Rule<R>): Policy<R> {
  const existing = registry.get(name);
  if (existing) return existing as Policy<R>;
  const policy: Policy<R> = { name, requiresSignIn: options.requiresSignIn, check };
  registry.set(name, policy as Policy<unknown>);
  return policy;
}

/** Every declared policy, by name. */
export function listPolicies(): Policy<unknown>[] {
  return [...registry.values()];
}

/** Throws 401 for a visitor where sign-in is needed, 403 where the rule refuses. */
export function authorize<R>(policy: Policy<R>, actor: Actor | null, resource: R): void {
  if (actor === null && policy.requiresSignIn) throw new AppError('unauthenticated');
  if (!policy.check(actor, resource)) throw new AppError('forbidden');
}

/** Does the actor pass the rule? For showing or hiding links, never for guarding writes. */
export function allows<R>(policy: Policy<R>, actor: Actor | null, resource: R): boolean {
  if (actor === null && policy.requiresSignIn) return false;
  return policy.check(actor, resource);
}

export const hasRole = (actor: Actor | null, role: GlobalRole): boolean => actor?.roles.includes(role) ?? false;

/** Anyone, signed in or not. */
export const publicAccess = definePolicy<void>('public', { requiresSignIn: false }, () => true);
/** Any signed-in person. */
export const signedIn = definePolicy<void>('signed_in', { requiresSignIn: true }, (actor) => actor !== null);
/** Administrators only. */
export const adminOnly = definePolicy<void>('admin', { requiresSignIn: true }, (actor) => hasRole(actor, 'admin'));
