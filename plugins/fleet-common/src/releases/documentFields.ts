// Reading a parsed YAML document field by field, with errors that name the field: shared by
// the release index and release policy readers; not part of the package's API.

export type Dict = Record<string, unknown>;

export const isDict = (value: unknown): value is Dict =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value instanceof Date) {
    return `a date (${value.toISOString()})`;
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (isDict(value)) {
    return 'a mapping';
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`);
}

export function optionalString(
  entry: Dict,
  field: string,
  where: string,
): string | undefined {
  const value = entry[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    return fail(
      where,
      `${field} must be a string (quote it in YAML), got ${describeValue(
        value,
      )}`,
    );
  }
  return value;
}
