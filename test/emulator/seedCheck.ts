/**
 * The seed validator's tools: typed reads of JSON values that fail with the JSON path of the problem.
 */
import { SYSTEM_POLICIES } from './policy';
import { SeedError } from './seedTypes';
import { isRecord } from './util';

export const USER_NAME_RE = /^[A-Za-z0-9.@_-]+$/;
export const REGION_RE = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export class Checker {
  readonly warnings: string[] = [];
  constructor(private readonly source: string) {}

  fail(where: string, problem: string): never {
    throw new SeedError(this.source, where ? `${where} ${problem}` : problem);
  }

  object(value: unknown, where: string, known: readonly string[]): Record<string, unknown> {
    if (!isRecord(value)) {
      this.fail(where, 'must be a JSON object');
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        this.warnings.push(`${where}.${key} is not a known field and is ignored`);
      }
    }
    return value;
  }

  requiredString(obj: Record<string, unknown>, key: string, where: string): string {
    const v = obj[key];
    if (typeof v !== 'string' || v.length === 0) {
      this.fail(`${where}.${key}`, v === undefined ? 'is required' : 'must be a non-empty string');
    }
    return v;
  }

  optionalString(obj: Record<string, unknown>, key: string, where: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      return undefined;
    }
    if (typeof v !== 'string') {
      this.fail(`${where}.${key}`, 'must be a string');
    }
    return v;
  }

  optionalEnum<T extends string>(obj: Record<string, unknown>, key: string, where: string, allowed: readonly T[]): T | undefined {
    const v = this.optionalString(obj, key, where);
    if (v === undefined) {
      return undefined;
    }
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (!hit) {
      this.fail(`${where}.${key}`, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(v)})`);
    }
    return hit;
  }

  optionalDate(obj: Record<string, unknown>, key: string, where: string): string | undefined {
    const v = this.optionalString(obj, key, where);
    if (v === undefined || v === '') {
      return undefined;
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v))) {
      this.fail(`${where}.${key}`, `must be an ISO 8601 date-time such as "2024-01-02T03:04:05Z" (got ${JSON.stringify(v)})`);
    }
    return v;
  }

  optionalInt(obj: Record<string, unknown>, key: string, where: string, min: number, max: number): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(`${where}.${key}`, `must be an integer from ${min} to ${max}`);
    }
    return v;
  }

  optionalBool(obj: Record<string, unknown>, key: string, where: string): boolean | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      return undefined;
    }
    if (typeof v !== 'boolean') {
      this.fail(`${where}.${key}`, 'must be true or false');
    }
    return v;
  }

  optionalArray(obj: Record<string, unknown>, key: string, where: string): unknown[] {
    const v = obj[key];
    if (v === undefined || v === null) {
      return [];
    }
    if (!Array.isArray(v)) {
      this.fail(`${where}.${key}`, 'must be an array');
    }
    return v;
  }

  /** A list of names (`users`, `roles` of a trust); undefined when absent. */
  nameList(obj: Record<string, unknown>, key: string, where: string): string[] | undefined {
    if (obj[key] === undefined || obj[key] === null) {
      return undefined;
    }
    return this.optionalArray(obj, key, where).map((v, i) => {
      if (typeof v !== 'string' || v === '') {
        this.fail(`${where}.${key}[${i}]`, 'must be a non-empty string');
      }
      return v;
    });
  }

  policies(obj: Record<string, unknown>, where: string): string[] | undefined {
    if (obj.policies === undefined) {
      return undefined;
    }
    const list = this.optionalArray(obj, 'policies', where);
    return list.map((p, i) => {
      if (typeof p !== 'string' || p === '') {
        this.fail(`${where}.policies[${i}]`, 'must be a policy name');
      }
      if (!(p in SYSTEM_POLICIES)) {
        this.warnings.push(`${where}.policies[${i}] "${p}" is not a system policy the emulator knows; it grants nothing here`);
      }
      return p;
    });
  }
}
