import { type Document, isMap, isScalar, Scalar, type YAMLMap } from 'yaml';
import { compareChartVersions } from '../releases/chartVersion';
import type { ReleasePolicy } from '../releases/types';
import type { AppliedValuesChange } from './types';
import {
  isEnabled,
  isValueSet,
  keyPath,
  parseValuesDocument,
  valueAt,
} from './valuesDocument';

/**
 * The rules of a release policy that rewrite or constrain a values document.
 *
 * @public
 */
export type ValuesRules = Pick<
  ReleasePolicy,
  'valuesChanges' | 'requiredValues' | 'exclusiveValues'
>;

/**
 * The result of {@link migrateValues}.
 *
 * @public
 */
export interface MigratedValues {
  /** The values document after the step's renames and removals (the input when none applied). */
  document: string;
  /** What was applied, and what the SE must still decide, in policy order. */
  applied: AppliedValuesChange[];
}

const inStep = (since: string, from: string, to: string) =>
  compareChartVersions(since, from) > 0 && compareChartVersions(since, to) <= 0;

/** The map at a path, if every segment is a map. */
function mapAt(document: Document, path: string[]): YAMLMap | undefined {
  const node = path.length ? document.getIn(path, true) : document.contents;
  return isMap(node) ? node : undefined;
}

/**
 * Removes maps along `path` that the migration left empty, deepest first, down to `floor`
 * segments (the maps a renamed key returns to are kept).
 */
function pruneEmptyParents(
  document: Document,
  path: string[],
  floor = 0,
): void {
  for (let depth = path.length; depth > floor; depth--) {
    const parent = mapAt(document, path.slice(0, depth));
    if (!parent || parent.items.length > 0) {
      return;
    }
    document.deleteIn(path.slice(0, depth));
  }
}

/** A pair's key as text: parsed keys are Scalar nodes, keys `setIn` added are plain values. */
const keyText = (item: YAMLMap['items'][number]) =>
  String(isScalar(item.key) ? item.key.value : item.key);

function pairAt(document: Document, path: string[]) {
  const parent = mapAt(document, path.slice(0, -1));
  const index =
    parent?.items.findIndex(item => keyText(item) === path.at(-1)) ?? -1;
  return parent && index >= 0
    ? { parent, index, pair: parent.items[index] }
    : undefined;
}

/**
 * Takes the comment above a key out of the document. `yaml` keeps it on the key's node, or on
 * the enclosing map when the key is the map's first.
 */
function takeKeyComment(
  document: Document,
  path: string[],
): string | undefined {
  const found = pairAt(document, path);
  if (!found) {
    return undefined;
  }
  const { parent, index, pair } = found;
  if (isScalar(pair.key) && pair.key.commentBefore) {
    const comment = pair.key.commentBefore;
    pair.key.commentBefore = undefined;
    return comment;
  }
  if (index === 0 && parent.commentBefore) {
    const comment = parent.commentBefore;
    parent.commentBefore = undefined;
    return comment;
  }
  return undefined;
}

/** Puts a comment above a key, where `yaml` itself would keep it (see takeKeyComment). */
function putKeyComment(document: Document, path: string[], comment: string) {
  const found = pairAt(document, path);
  if (!found) {
    return;
  }
  if (found.index === 0) {
    found.parent.commentBefore = found.parent.commentBefore
      ? `${comment}\n${found.parent.commentBefore}`
      : comment;
  } else {
    const key = isScalar(found.pair.key)
      ? found.pair.key
      : new Scalar(found.pair.key);
    key.commentBefore = comment;
    found.pair.key = key;
  }
}

/**
 * Where a moved key stood in the deepest map that holds both its old and its new key, so that
 * the moved subtree can take the old one's place there instead of landing at the end.
 */
interface Place {
  /** How many leading segments the old and the new key share. */
  depth: number;
  map: YAMLMap;
  index: number;
  oldKey: string;
  newKey: string;
  newKeyExisted: boolean;
}

function placeOf(
  document: Document,
  from: string[],
  to: string[],
): Place | undefined {
  let shared = 0;
  while (
    shared < from.length - 1 &&
    shared < to.length - 1 &&
    from[shared] === to[shared]
  ) {
    shared++;
  }
  const found = pairAt(document, from.slice(0, shared + 1));
  if (!found) {
    return undefined;
  }
  return {
    depth: shared,
    map: found.parent,
    index: found.index,
    oldKey: from[shared],
    newKey: to[shared],
    newKeyExisted: Boolean(pairAt(document, to.slice(0, shared + 1))),
  };
}

function keepPlace(place: Place | undefined): void {
  if (!place || place.newKeyExisted) {
    return;
  }
  const { map } = place;
  if (map.items.some(item => keyText(item) === place.oldKey)) {
    return;
  }
  const at = map.items.findIndex(item => keyText(item) === place.newKey);
  if (at < 0 || at === place.index) {
    return;
  }
  const [pair] = map.items.splice(at, 1);
  map.items.splice(Math.min(place.index, map.items.length), 0, pair);
}

/**
 * Applies one step's values rules to a deployment's Helm values document:
 *
 * - a renamed key (`valuesChanges` with `to`) moves with its whole subtree, keeping the
 *   comments above the key and inside the subtree; when the new key is already set, nothing
 *   moves and the clash is a `conflict` for the SE;
 * - a removed key (`valuesChanges` without `to`) is deleted;
 * - a value the step starts to require (`requiredValues`, when its switch is on) that is not
 *   set becomes a `required` entry with what to set — never an invented value, since these
 *   are model ids, GPU-specific figures or secrets;
 * - values enabled together that the step forbids (`exclusiveValues`) become a `conflict`.
 *
 * Maps left empty by a move or removal are removed. Only rules with `since` in (`from`, `to`]
 * apply.
 *
 * @throws Error when the document is not YAML, not a mapping, or holds a value that looks
 * like a secret (see {@link parseValuesDocument}).
 * @public
 */
export function migrateValues(
  document: string,
  rules: ValuesRules,
  step: { from: string; to: string },
): MigratedValues {
  const parsed = parseValuesDocument(document);
  const applied: AppliedValuesChange[] = [];
  let changed = false;
  const withNote = (change: AppliedValuesChange, note?: string) =>
    note ? { ...change, note } : change;

  for (const rule of rules.valuesChanges) {
    if (!inStep(rule.since, step.from, step.to)) {
      continue;
    }
    const from = keyPath(rule.from);
    if (!parsed.hasIn(from)) {
      continue;
    }
    if (!rule.to) {
      // the comment above a removed key goes with it
      takeKeyComment(parsed, from);
      parsed.deleteIn(from);
      pruneEmptyParents(parsed, from.slice(0, -1));
      changed = true;
      applied.push(
        withNote(
          { key: rule.from, kind: 'removed', since: rule.since },
          rule.note,
        ),
      );
      continue;
    }
    const to = keyPath(rule.to);
    if (parsed.hasIn(to)) {
      applied.push(
        withNote(
          {
            key: rule.from,
            movedTo: rule.to,
            kind: 'conflict',
            since: rule.since,
            action: `both ${rule.from} and ${rule.to} are set: keep the value you mean under ${rule.to} and delete ${rule.from}`,
          },
          rule.note,
        ),
      );
      continue;
    }
    const comment = takeKeyComment(parsed, from);
    const subtree = parsed.getIn(from, true);
    const place = placeOf(parsed, from, to);
    parsed.deleteIn(from);
    pruneEmptyParents(parsed, from.slice(0, -1), place?.depth ?? 0);
    parsed.setIn(to, subtree);
    keepPlace(place);
    if (comment) {
      putKeyComment(parsed, to, comment);
    }
    changed = true;
    applied.push(
      withNote(
        {
          key: rule.from,
          movedTo: rule.to,
          kind: 'renamed',
          since: rule.since,
        },
        rule.note,
      ),
    );
  }

  const values = parsed.toJS() ?? {};
  for (const rule of rules.requiredValues ?? []) {
    if (!inStep(rule.since, step.from, step.to)) {
      continue;
    }
    if (rule.when && !isEnabled(valueAt(values, rule.when))) {
      continue;
    }
    const keys = [rule.key, ...(rule.oneOf ?? [])];
    if (keys.some(key => isValueSet(valueAt(values, key), rule.placeholder))) {
      continue;
    }
    applied.push({
      key: rule.key,
      kind: 'required',
      since: rule.since,
      note: rule.note,
      action: rule.fix,
    });
  }
  for (const rule of rules.exclusiveValues ?? []) {
    if (!inStep(rule.since, step.from, step.to)) {
      continue;
    }
    const enabled = rule.keys.filter(key => isEnabled(valueAt(values, key)));
    if (enabled.length > 1) {
      applied.push({
        key: enabled[0],
        kind: 'conflict',
        since: rule.since,
        note: rule.note,
        action: `turn off all but one of ${enabled.join(
          ', ',
        )}, and run the other in a separate release`,
      });
    }
  }
  return { document: changed ? parsed.toString() : document, applied };
}
