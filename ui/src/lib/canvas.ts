/**
 * Drawing surfaces. Every 2D canvas the app makes (Cytoscape's layers and its
 * texture caches) asks WebKit to keep its pixels in memory and draw them on the
 * CPU (`willReadFrequently`), instead of recording the drawing for the GPU and
 * replaying it when the page is painted.
 *
 * Measured in the release app under Xvfb on 7 December 2026, where WebKitGTK's
 * "GPU" is Mesa's software rasteriser: 10,000 lines and 1,500 discs drawn on a
 * 1,300 × 800 canvas took 15–46 ms to record and then held the page for 0.9–1.1 s
 * while it was painted; drawn on the CPU they took 130–225 ms and held it no
 * longer. A 10,000-person map redraws after every edit, so this is most of the
 * time between an edit's answer and the map showing it.
 */
export function preferCpuCanvases(proto: { getContext: (...args: never[]) => unknown } = HTMLCanvasElement.prototype): void {
  const original = proto.getContext as (this: unknown, kind: string, options?: object) => unknown;
  proto.getContext = function (this: unknown, kind: string, options?: object) {
    return original.call(this, kind, kind === '2d' ? { willReadFrequently: true, ...options } : options);
  } as never;
}
