/**
 * JSON text of validation results whose frozen entries recur claim after claim.
 *
 * Why: a batch's claims mostly share their dates of service, so one validator hands each of them
 * the same frozen `data_stale` warnings and the same frozen skipped-rule entries (a rule without a
 * table for the batch's quarter). Printed as JSON lines, these are about a third of each line's
 * text, and serializing them again for every claim was a large share of a batch's time. A frozen
 * entry's text is a pure function of it (the validator freezes an issue's lists too, and its
 * message is rendered from those frozen fields), so the text is kept with the entry, in a
 * `WeakMap`, and dropped with it.
 *
 * @module
 */

/** The text of frozen entries met before (see the module's comment). */
const frozenEntryJson = new WeakMap<object, string>();

/**
 * `JSON.stringify(entries)` for a list of issue-like objects, reusing the text of frozen entries
 * printed before. An entry that is not frozen is serialized as it is now, every time.
 *
 * @example
 * ```ts
 * entriesJson(validation.stale) === JSON.stringify(validation.stale) // true
 * ```
 */
export function entriesJson(entries: readonly object[]): string {
  if (entries.length === 0) return '[]';
  let text = '[';
  for (let k = 0; k < entries.length; k++) {
    const entry = entries[k]!;
    let json = frozenEntryJson.get(entry);
    if (json === undefined) {
      json = JSON.stringify(entry) ?? 'null';
      if (Object.isFrozen(entry)) frozenEntryJson.set(entry, json);
    }
    text += k === 0 ? json : `,${json}`;
  }
  return `${text}]`;
}

/**
 * `JSON.stringify(validation)` for a `validateClaim` result, or an object that carries its lists
 * (a `medcode validate` line), its keys in their order, with the `skipped` and `stale` lists
 * written by {@link entriesJson}: the same text, made faster when a batch's claims share those
 * entries.
 *
 * @example
 * ```ts
 * out.write(`${validationJson(validator.validate(claim))}\n`)
 * ```
 */
export function validationJson(validation: object): string {
  if (typeof (validation as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(validation);
  let text = '{';
  for (const key of Object.keys(validation)) {
    const value = (validation as Record<string, unknown>)[key];
    const json =
      (key === 'skipped' || key === 'stale') && Array.isArray(value) && value.every(isObject)
        ? entriesJson(value)
        : JSON.stringify(value);
    // As JSON.stringify does: a key whose value has no JSON text (undefined, a function) is left out.
    if (json === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${json}`;
  }
  return `${text}}`;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
