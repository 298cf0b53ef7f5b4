import { GenericContainer } from 'testcontainers';

/**
 * A GenericContainer whose published ports are bound to 127.0.0.1 only: test traffic stays on
 * loopback, and nothing a test starts is reachable from outside the machine.
 */
export class LoopbackContainer extends GenericContainer {
  protected override async beforeContainerCreated(): Promise<void> {
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {})) {
      for (const binding of bindings as Array<{ HostIp?: string }>) binding.HostIp = '127.0.0.1';
    }
  }
}
