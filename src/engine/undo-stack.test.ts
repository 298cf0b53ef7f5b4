import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateFile } from './state-file.js';
import type { UndoStep } from './undo.js';
import { UndoStack } from './undo-stack.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-undo-'));
  const state = StateFile.create(dir, { runId: 'r1', scenario: 's', pid: 1, startedAt: '' });
  const order: string[] = [];
  const offline = {
    resume: async (ref: { node: string }) => {
      order.push(`resume ${ref.node}`);
      if (ref.node === 'stuck') throw new Error('no such process');
      return 'ok';
    },
    start: async () => '',
    exec: async () => '',
  };
  const stack = new UndoStack(state, () => ({ offline }));
  const onDisk = () => JSON.parse(readFileSync(join(dir, 'r1', 'state.json'), 'utf8'));
  return { stack, state, order, onDisk, dir };
}

const resume = (node: string): UndoStep => ({
  action: 'node.resume',
  ref: { kind: 'container', node, id: node },
  description: `resume ${node}`,
});

describe('UndoStack', () => {
  it('persists each push and reverts the most recent fault first', async () => {
    const { stack, order, onDisk } = setup();
    stack.push('first', [resume('a')]);
    stack.push('second', [resume('b')]);
    expect(onDisk().pending.map((p: { faultId: string }) => p.faultId)).toEqual(['first', 'second']);
    await stack.revertAll();
    expect(order).toEqual(['resume b', 'resume a']);
    expect(onDisk().pending).toEqual([]);
  });

  it('runs every step even when one fails, and keeps the failed one for `cleanup`', async () => {
    const { stack, order, onDisk } = setup();
    stack.push('f', [resume('a'), resume('stuck'), resume('c')]);
    const outcomes = await stack.revert('f');
    expect(order).toEqual(['resume c', 'resume stuck', 'resume a']);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(onDisk().pending).toEqual([{ faultId: 'f', steps: [resume('stuck')] }]);
  });

  it('runs file undo steps on the host', async () => {
    const { stack, dir } = setup();
    const file = join(dir, 'fill.bin');
    writeFileSync(file, 'x');
    stack.push('fill', [{ action: 'file.remove', path: file, description: 'remove fill' }]);
    const [outcome] = await stack.revertAll();
    expect(outcome).toMatchObject({ ok: true, detail: `removed ${file}` });
  });
});
