/**
 * The SMART system scopes Rounds asks for, and what a granted scope permits. Rounds reads the types
 * behind the patient summary and search, nothing else (Medication arrives through `_include`).
 */
import { type Discovery } from './discovery';

const READ_TYPES = ['Patient', 'Encounter', 'Observation', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Medication', 'Coverage'];

/** DSTU2 orders medications with MedicationOrder. */
export function readTypes(discovery: Pick<Discovery, 'fhirVersion' | 'resourceTypes'>): string[] {
  const types = discovery.fhirVersion === 'DSTU2' ? READ_TYPES.map((type) => (type === 'MedicationRequest' ? 'MedicationOrder' : type)) : READ_TYPES;
  // Patient always: without it nothing works, and asking shows the EHR what is missing.
  return types.filter((type) => type === 'Patient' || (discovery.resourceTypes?.has(type) ?? true));
}

/**
 * The tenant id first (it routes the request at an interop partner: the Patients-app contract "passes
 * the Tenant ID in scope"), then one read scope per type: v2 `system/Patient.rs` or v1 `system/Patient.read`.
 */
export function tokenScope(tenantId: string, discovery: Pick<Discovery, 'fhirVersion' | 'resourceTypes' | 'scopeVersion'>): string {
  const suffix = discovery.scopeVersion === 'v2' ? 'rs' : 'read';
  return [tenantId.trim(), ...readTypes(discovery).map((type) => `system/${type}.${suffix}`)].filter((scope) => scope !== '').join(' ');
}

/** A SMART v2 scope: `.` then permissions from c, r, u, d, s in that order (v1 says `.read` / `.write` / `.*`). */
const V2_SCOPE = /^(system|user|patient)\/[^.\s]+\.(?=[cruds])c?r?u?d?s?(\?\S*)?$/;

/** Whether a SMART configuration asks for v2 scopes: the permission-v2 capability, or any v2 scope listed. */
export function speaksSmartV2(capabilities: readonly string[] | null, scopesSupported: readonly string[] | null): boolean {
  return (capabilities ?? []).includes('permission-v2') || (scopesSupported ?? []).some((scope) => V2_SCOPE.test(scope));
}

/** v1 `read` or `*`; v2 needs both read and search (`r` and `s`), as every summary part is a search. */
function permitsSearch(permissions: string): boolean {
  if (permissions === 'read' || permissions === '*') return true;
  return /^c?r?u?d?s?$/.test(permissions) && permissions.includes('r') && permissions.includes('s');
}

/**
 * Which resource types a token may read, from the `scope` of the token response. An EHR may grant less
 * than asked (SMART: the scope "can be different from the scopes requested"); when it says nothing,
 * the request is taken as granted.
 */
export function permittedTypes(granted: string | null, requested: string): (resourceType: string) => boolean {
  const scopes = (granted ?? requested).split(/\s+/).filter((scope) => scope !== '');
  const allowed = new Set<string>();
  for (const scope of scopes) {
    const match = /^(?:system|user|patient)\/([A-Za-z*]+)\.([a-z*]+)(?:\?\S*)?$/.exec(scope);
    if (match?.[1] && match[2] && permitsSearch(match[2])) allowed.add(match[1]);
  }
  return (resourceType) => allowed.has('*') || allowed.has(resourceType);
}
