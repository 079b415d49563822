// Reading the entries of a release policy field by field, with errors that name the entry and
// the field: shared by the policy's readers; not part of the package's API.

import { normalizeVersion } from './chartVersion';
import {
  type Dict,
  describeValue,
  fail,
  isDict,
  optionalString,
} from './documentFields';

export function checkFields(
  value: Dict,
  allowed: readonly string[],
  where: string,
): void {
  for (const field of Object.keys(value)) {
    if (!allowed.includes(field)) {
      fail(
        `${where}.${field}`,
        `is not a field of ${where}; allowed: ${allowed.join(', ')}`,
      );
    }
  }
}

export function requiredString(
  entry: Dict,
  field: string,
  where: string,
): string {
  const value = entry[field];
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(
      where,
      `${field} is required, a string (quote it in YAML), got ${describeValue(
        value,
      )}`,
    );
  }
  return value;
}

export function semverField(entry: Dict, field: string, where: string): string {
  const value = requiredString(entry, field, where);
  if (!normalizeVersion(value)) {
    fail(where, `${field} must be semver, got ${describeValue(value)}`);
  }
  return value;
}

export function readList<T>(
  spec: Dict,
  field: string,
  allowed: readonly string[],
  labelField: string,
  read: (entry: Dict, where: string) => T,
): T[] {
  const value = spec[field];
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    return fail(`spec.${field}`, `must be a list, got ${describeValue(value)}`);
  }
  return value.map((entry, i) => {
    const index = `spec.${field}[${i}]`;
    if (!isDict(entry)) {
      return fail(index, `must be a mapping, got ${describeValue(entry)}`);
    }
    const key = entry[labelField];
    const where =
      typeof key === 'string'
        ? `${index} (${labelField} ${JSON.stringify(key)})`
        : index;
    checkFields(entry, allowed, where);
    return read(entry, where);
  });
}

export function withNote<T extends object>(
  value: T,
  entry: Dict,
  where: string,
): T & { note?: string } {
  const note = optionalString(entry, 'note', where);
  return note === undefined ? value : { ...value, note };
}
