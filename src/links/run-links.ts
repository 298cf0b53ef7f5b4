import type { LinkConfig } from '../scenario/drill-schema.js';
import type { LinkGate, TemplateValues } from '../targets/target.js';
import { planLinks, type LinkPlan } from './link-plan.js';
import type { LinksContext, LinksHost } from './start-links.js';
import type { StartedLinks } from './started-links.js';
import { linkDependencies, nodeStartOrder, type LinkDependencies } from './start-order.js';
import type { ToxiproxyConfig } from './toxiproxy-schema.js';

export interface RunLinksConfig {
  links: Readonly<Record<string, LinkConfig>> | undefined;
  toxiproxy: ToxiproxyConfig | undefined;
  /** The target's nodes as written, to read which of them name a link. */
  nodes: Readonly<Record<string, unknown>>;
}

/**
 * The run's links from plan to teardown: started once, either by the target before the first
 * node that needs them (the gate), or after the target is up when no node names one.
 */
export class RunLinks {
  private started: Promise<StartedLinks | undefined> | undefined;
  private readonly dependencies: LinkDependencies;

  private constructor(
    private readonly config: RunLinksConfig,
    readonly plan: LinkPlan,
  ) {
    this.dependencies = linkDependencies(config.nodes, config.toxiproxy?.url);
  }

  /** Picks the links' ports now, so that the target's nodes can be pointed at them. */
  static async plan(config: RunLinksConfig): Promise<RunLinks> {
    return new RunLinks(config, await planLinks(config.links));
  }

  get declared(): boolean {
    return Object.keys(this.config.links ?? {}).length > 0;
  }

  /** Starts the links unless they run already; resolves with them (undefined without links). */
  start(
    site: LinksHost,
    context: LinksContext,
    onStarted?: (links: StartedLinks) => void,
  ): Promise<StartedLinks | undefined> {
    this.started ??= this.startOnce(site, context, onStarted);
    return this.started;
  }

  private async startOnce(
    site: LinksHost,
    context: LinksContext,
    onStarted?: (links: StartedLinks) => void,
  ): Promise<StartedLinks | undefined> {
    if (!this.declared) return undefined;
    // Toxiproxy's client (and testcontainers, for its container) load only for drills with links.
    const { startLinks } = await import('./start-links.js');
    const links = await startLinks(this.config.links, this.config.toxiproxy, site, context, this.plan);
    if (links) onStarted?.(links);
    return links;
  }

  /** Stops them if they were started (a target that failed to start). */
  async stop(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    const links = await started?.catch(() => undefined);
    await links?.stop();
  }

  /** The gate a target meets while starting its nodes; `context` builds how templates are filled. */
  gate(
    context: (values: TemplateValues) => LinksContext,
    onStarted?: (links: StartedLinks) => void,
  ): LinkGate {
    return {
      order: (declared) => nodeStartOrder(declared, this.dependencies),
      needsLinks: (node) => this.declared && this.dependencies.linkUsers.includes(node),
      open: async ({ network, toxiproxy, values }) =>
        (
          await this.start({ network, ...(toxiproxy && { toxiproxy }) }, context(values), onStarted)
        )?.templateValues() ?? {},
      close: () => this.stop(),
    };
  }
}
