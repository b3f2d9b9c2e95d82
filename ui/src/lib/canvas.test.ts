import { describe, expect, test } from 'vitest';
import { preferCpuCanvases } from './canvas';

describe('drawing surfaces', () => {
  test('2D canvases are asked to draw on the CPU, keeping the options given; other kinds are left alone', () => {
    const asked: [string, object | undefined][] = [];
    const proto = {
      getContext(kind: string, options?: object) {
        asked.push([kind, options]);
        return kind;
      },
    };
    preferCpuCanvases(proto as never);
    expect((proto.getContext as (k: string, o?: object) => unknown)('2d')).toBe('2d');
    (proto.getContext as (k: string, o?: object) => unknown)('2d', { alpha: false });
    (proto.getContext as (k: string, o?: object) => unknown)('webgl2', { antialias: true });
    expect(asked).toEqual([
      ['2d', { willReadFrequently: true }],
      ['2d', { willReadFrequently: true, alpha: false }],
      ['webgl2', { antialias: true }],
    ]);
  });
});
