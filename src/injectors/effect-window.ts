import type { Clock } from '../common/clock.js';
import type { EffectWindow } from './injector.js';

/**
 * Collects the spans in which an effect became true, one per node or rule set acted on together:
 * the effect window is from the first span's start to the last one's end.
 */
export class EffectTimer {
  private readonly spans: EffectWindow[] = [];

  constructor(private readonly clock: Clock) {}

  /** Runs the one call that makes the effect true and verifies it, and records its span. */
  async around<T>(act: () => Promise<T>): Promise<T> {
    const from = this.clock.now();
    const result = await act();
    this.spans.push({ from, to: this.clock.now() });
    return result;
  }

  /** Records a span measured elsewhere (inside a container). */
  add(span: EffectWindow): void {
    this.spans.push(span);
  }

  /** The window over every span, or undefined when none was recorded. */
  window(): EffectWindow | undefined {
    if (this.spans.length === 0) return undefined;
    return {
      from: Math.min(...this.spans.map((s) => s.from)),
      to: Math.max(...this.spans.map((s) => s.to)),
    };
  }
}
