import { describe, expect, it } from 'vitest';
import { durationText, parseDuration } from '../../../shared/duration.ts';

const ms = (text: string, unit?: Parameters<typeof parseDuration>[1]) => {
  const parsed = parseDuration(text, unit);
  if (!parsed.ok) throw new Error(`"${text}" was refused: ${parsed.message}`);
  return parsed.ms;
};
const refusal = (text: string, unit?: Parameters<typeof parseDuration>[1]) => {
  const parsed = parseDuration(text, unit);
  if (parsed.ok) throw new Error(`"${text}" was read as ${parsed.ms} ms`);
  return parsed.message;
};

describe('parseDuration', () => {
  it('reads seconds, minutes, hours and days with their usual spellings', () => {
    expect(ms('90s')).toBe(90_000);
    expect(ms('5m')).toBe(300_000);
    expect(ms('5 min')).toBe(300_000);
    expect(ms('1h')).toBe(3_600_000);
    expect(ms('2 hours')).toBe(7_200_000);
    expect(ms('1d')).toBe(86_400_000);
    expect(ms('2 weeks')).toBe(14 * 86_400_000);
    expect(ms('250ms')).toBe(250);
    expect(ms(' 3 Seconds ')).toBe(3_000);
  });

  it('adds up parts and takes fractions that make whole milliseconds', () => {
    expect(ms('1h30m')).toBe(5_400_000);
    expect(ms('1h 30m 15s')).toBe(5_415_000);
    expect(ms('1.5h')).toBe(5_400_000);
    expect(ms('1.1s')).toBe(1_100);
    expect(ms('.5s')).toBe(500);
  });

  it('reads a bare number in the unit of the field', () => {
    expect(ms('86400000')).toBe(86_400_000);
    expect(ms('60', 's')).toBe(60_000);
    expect(ms('15', 'min')).toBe(900_000);
    expect(ms('30', 'd')).toBe(30 * 86_400_000);
    // A unit typed wins over the field's.
    expect(ms('2h', 'd')).toBe(7_200_000);
  });

  it('says what to type when it cannot read the text', () => {
    expect(refusal('')).toBe('required: write a duration like 90s, 5m or 1h, or a number of milliseconds');
    expect(refusal('soon', 's')).toBe(
      'write a duration like 90s, 5m or 1h, or a number of seconds; got "soon"',
    );
    expect(refusal('5 parsecs')).toBe(
      'unknown unit "parsecs": write a duration like 90s, 5m or 1h, or a number of milliseconds',
    );
    expect(refusal('-5s')).toContain('got "-5s"');
    expect(refusal('1h 30')).toContain('got "1h 30"');
    expect(refusal('1e3')).toContain('unknown unit "e"');
    expect(refusal('0.5ms')).toBe('0.5 ms is not a whole number of milliseconds');
  });
});

describe('durationText', () => {
  it('writes the largest whole unit, which parseDuration reads back', () => {
    const cases: [number, string][] = [
      [0, '0s'],
      [250, '250ms'],
      [2_000, '2s'],
      [90_000, '90s'],
      [300_000, '5m'],
      [5_400_000, '90m'],
      [86_400_000, '1d'],
      [90_000_000, '25h'],
      [30 * 86_400_000, '30d'],
      [14 * 86_400_000, '2w'],
    ];
    for (const [value, text] of cases) {
      expect(durationText(value)).toBe(text);
      expect(ms(text)).toBe(value);
    }
    expect(durationText(Number.NaN)).toBe('');
  });
});
