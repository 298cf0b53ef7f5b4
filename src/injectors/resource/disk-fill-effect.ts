import { FaultNoEffectError, TargetError } from '../../common/errors.js';
import type { ProcessNode } from '../../targets/process/process-node.js';
import type { TargetNode } from '../../targets/target.js';
import type { FaultContext, FaultEffect } from '../injector.js';
import { formatSize, type Amount } from './amount.js';
import { inspectContainerFs, sharesHostDisk, writeContainerFill } from './container-fill.js';
import {
  describeUsage,
  planFill,
  safetyMargin,
  wantedFill,
  type FillPlan,
  type FsUsage,
} from './disk-space.js';
import { hostFsUsage, isInside, realPath, writeHostFill } from './host-fill.js';

/** A fill file counts as written once it holds this share of its blocks (filesystem rounding). */
const ALLOCATED_SHARE = 0.99;

export interface FillSite {
  node: TargetNode;
  /** The directory as the scenario gives it, and the fill file in it. */
  dir: string;
  file: string;
  context: FaultContext;
}

export async function fillInContainer(site: FillSite, amount: Amount): Promise<FaultEffect> {
  const { node, dir, file, context } = site;
  const options = { signal: context.signal };
  const fs = await inspectContainerFs(node, dir, options);
  const margin = sharesHostDisk(fs.type) ? safetyMargin(fs.usage) : undefined;
  const plan = requireBytes(planFill(wantedFill(amount, fs.usage), fs.usage, margin), site, fs.usage);
  const result = await writeContainerFill(node, file, plan.bytes, options);
  // Filling a filesystem to the brim may stop a little short (metadata): full is full.
  const full = plan.capped !== undefined && result.after.avail < 1024 ** 2;
  const short = result.allocated < plan.bytes * ALLOCATED_SHARE || result.size !== plan.bytes;
  if (short && !full) {
    throw new FaultNoEffectError(
      `the fill file ${file} in ${node.name} is ${formatSize(result.size)} long and holds ` +
        `${formatSize(result.allocated)} on disk, not ${formatSize(plan.bytes)}`,
    );
  }
  return effect(site, { plan, before: fs.usage, after: result.after, tool: result.tool, fsType: fs.type });
}

export async function fillOnHost(
  site: FillSite & { node: ProcessNode },
  amount: Amount,
): Promise<FaultEffect> {
  const { node, dir, file, context } = site;
  const real = realPath(dir, context.baseDir);
  const dataDirs = node.dataDirs.map((d) => realPath(d, context.baseDir));
  if (!isInside(real, dataDirs)) {
    throw new TargetError(
      `disk-fill on ${node.name}: ${real} is outside its data_dirs (${dataDirs.join(', ') || 'none declared'})`,
      {
        hint: "a process target is only filled inside the node's declared data_dirs: declare the directory there",
      },
    );
  }
  const before = await hostFsUsage(real);
  const plan = requireBytes(planFill(wantedFill(amount, before), before, safetyMargin(before)), site, before);
  const result = await writeHostFill(file, plan.bytes, context.signal);
  if (result.allocated < plan.bytes * ALLOCATED_SHARE || result.size !== plan.bytes) {
    throw new FaultNoEffectError(
      `the fill file ${file} holds ${formatSize(result.allocated)} on disk, not ${formatSize(plan.bytes)}`,
    );
  }
  const after = await hostFsUsage(real);
  return effect(site, { plan, before, after, tool: result.tool });
}

function requireBytes(plan: FillPlan, site: FillSite, fs: FsUsage): FillPlan {
  if (plan.bytes > 0) return plan;
  throw new FaultNoEffectError(
    `disk-fill of ${site.dir} in ${site.node.name} would write nothing: ${describeUsage(fs)}` +
      (plan.capped ? `; ${plan.capped}` : ''),
    { hint: 'the filesystem is already at least that full, or has no room left above the safety margin' },
  );
}

interface Outcome {
  plan: FillPlan;
  before: FsUsage;
  after: FsUsage;
  tool: string;
  fsType?: string;
}

function effect(site: FillSite, outcome: Outcome): FaultEffect {
  const { plan, before, after } = outcome;
  return {
    summary:
      `filled ${site.dir} in ${site.node.name} with ${formatSize(plan.bytes)} (${site.file}): ` +
      `${describeUsage(before)} -> ${describeUsage(after)}${plan.capped ? `; ${plan.capped}` : ''}`,
    details: {
      node: site.node.name,
      file: site.file,
      bytes: plan.bytes,
      tool: outcome.tool,
      ...(outcome.fsType && { filesystem: outcome.fsType }),
      ...(plan.capped && { capped: plan.capped }),
      before,
      after,
    },
  };
}
