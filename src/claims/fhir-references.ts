/**
 * Resolving the references of a FHIR R4 Claim as a FHIR server stores it.
 *
 * A server keeps Patient, Coverage, Organization and Practitioner as resources of their own and the
 * Claim points at them (`Patient/123`); medcode's writer contains them instead (`#patient`). Both
 * read alike. Resolution follows FHIR R4 (http://hl7.org/fhir/R4/references.html and
 * http://hl7.org/fhir/R4/bundle.html#references): a `#id` reference points into the `contained`
 * resources of the resource that holds it; any other reference is looked up among the Bundle's
 * entries (by `fullUrl`, by `ResourceType/id`, or by the relative form against an absolute RESTful
 * `fullUrl`), and then given to the caller's `resolve` callback.
 *
 * Not part of the public API (the option type is exported by `fhir.ts`).
 *
 * @module
 */
import type { IssuePath, MedcodeIssue } from '../core/issues';
import { claimInvalidIssue, describeReceived } from './internal';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A resolved resource and the path of the place it came from (for issues about its contents). */
export interface Located {
  readonly resource: Json;
  /** Path of the resource in the input (`contained.0`, `entry.3.resource`), or of the reference that a resolver answered. */
  readonly path: IssuePath;
  /** The `contained` resources a `#id` inside this resource refers to. */
  readonly scope: ContainedScope;
}

/** The contained resources of one container (a Claim or a resource from a Bundle), by id. */
type ContainedScope = ReadonlyMap<string, Located>;

/** `ResourceType/id`, optionally `/_history/n`, as a relative RESTful reference (FHIR R4 references.html). */
const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
/** An absolute RESTful URL ending in `ResourceType/id` (optionally `/_history/n`). */
const ABSOLUTE_RESTFUL =
  /^(https?:\/\/.+)\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The contained resources of `container`, by id, each with its path under `containerPath`. */
export function containedScope(container: Json, containerPath: IssuePath): ContainedScope {
  const scope = new Map<string, Located>();
  if (Array.isArray(container.contained))
    container.contained.forEach((c: unknown, i: number) => {
      if (isObject(c) && typeof c.id === 'string')
        // A contained resource refers to its siblings through the same container (R4 references.html#contained).
        scope.set(c.id, { resource: c, path: [...containerPath, 'contained', i], scope });
    });
  return scope;
}

/**
 * Looks references up in one input: the Bundle's entries (when the input is a Bundle) and the
 * caller's resolver. Collects an issue for every reference it cannot follow.
 */
export class ReferenceResolver {
  private readonly byUrl = new Map<string, Located>();
  readonly issues: MedcodeIssue[] = [];

  constructor(
    entries: readonly { readonly fullUrl?: unknown; readonly resource: Json; readonly path: IssuePath }[],
    private readonly callback: ((reference: string) => unknown) | undefined,
  ) {
    for (const { fullUrl, resource, path } of entries) {
      const located: Located = { resource, path, scope: containedScope(resource, path) };
      if (typeof fullUrl === 'string') {
        this.byUrl.set(fullUrl, located);
        const restful = ABSOLUTE_RESTFUL.exec(fullUrl);
        if (restful) this.byUrl.set(`${restful[2]}/${restful[3]}`, located);
      }
      if (typeof resource.resourceType === 'string' && typeof resource.id === 'string')
        this.byUrl.set(`${resource.resourceType}/${resource.id}`, located);
    }
  }

  /**
   * The resource a Reference at `path` (inside a resource whose contained resources are `scope`)
   * points to, when it is one of `types`. A Reference without `reference` (only `display` or
   * `identifier`) gives `undefined` and no issue: it names something medcode cannot read. A
   * `reference` that does not resolve, or resolves to another resource type, gives an issue at
   * `path.reference`.
   */
  follow(
    ref: unknown,
    path: IssuePath,
    scope: ContainedScope,
    types: readonly string[],
  ): Located | undefined {
    if (!isObject(ref) || typeof ref.reference !== 'string') return undefined;
    const reference = ref.reference;
    const where = [...path, 'reference'];
    const found = reference.startsWith('#') ? scope.get(reference.slice(1)) : this.lookUp(reference, where);
    if (found === undefined) {
      if (!this.issues.some((i) => i.path.join('.') === where.join('.')))
        this.bad(
          where,
          'a reference medcode can resolve (a contained #id, a Bundle entry, or the resolve option)',
          describeReceived(reference),
        );
      return undefined;
    }
    if (!types.includes(found.resource.resourceType as string)) {
      this.bad(
        where,
        `a reference to ${types.join(' or ')}`,
        `${describeReceived(reference)}, a ${String(found.resource.resourceType)}`,
      );
      return undefined;
    }
    return found;
  }

  private lookUp(reference: string, where: IssuePath): Located | undefined {
    const exact = this.byUrl.get(reference);
    if (exact) return exact;
    const relative = RELATIVE.exec(reference) ?? ABSOLUTE_RESTFUL.exec(reference)?.slice(1);
    if (relative) {
      const [, type, id] = relative as unknown as [string, string, string];
      const byId = this.byUrl.get(`${type}/${id}`);
      if (byId) return byId;
    }
    if (this.callback === undefined) return undefined;
    let answer: unknown;
    try {
      answer = this.callback(reference);
    } catch {
      this.bad(where, 'a reference the resolve option answers without throwing', describeReceived(reference));
      return undefined;
    }
    if (answer === undefined) return undefined;
    if (isObject(answer) && typeof answer.then === 'function') {
      // The reader is synchronous: fetch first (a search with _include gives a Bundle), then read.
      this.bad(
        where,
        'a resolve option that returns the resource, not a Promise',
        describeReceived(reference),
      );
      return undefined;
    }
    if (!isObject(answer) || typeof answer.resourceType !== 'string') {
      this.bad(
        where,
        'a reference the resolve option answers with a FHIR resource',
        describeReceived(answer),
      );
      return undefined;
    }
    // A resolved resource's own #id references point into its own contained resources.
    return { resource: answer, path: where, scope: containedScope(answer, where) };
  }

  private bad(path: IssuePath, expected: string, received: string): void {
    this.issues.push(claimInvalidIssue(path, expected, undefined, received));
  }
}
