import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const serverBin = createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server');
/** Generous: the server starts a Node process and compiles the schema on a busy 2-core machine. */
const ANSWER_TIMEOUT_MS = 30_000;

interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}
interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
}

/**
 * The editor's side of the Language Server Protocol, just enough to open a file and read the
 * diagnostics: JSON-RPC messages framed by `Content-Length` headers over the server's stdio.
 */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiters: Array<{ match: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  private readonly server: ChildProcessWithoutNullStreams;

  constructor() {
    this.server = spawn(process.execPath, [serverBin, '--stdio'], { stdio: 'pipe' });
    this.server.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.next((m) => m.id === id && m.method === undefined);
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next message the server sends that matches, within the timeout. */
  next(match: (m: Message) => boolean): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the language server did not answer')),
        ANSWER_TIMEOUT_MS,
      );
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  async close(): Promise<void> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    if (this.server.exitCode === null) await new Promise((done) => this.server.once('exit', done));
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message));
    this.server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(
        /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1],
      );
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(
        this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString(),
      ) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    // A request from the server (configuration, capability registration): an editor answers it.
    if (message.id !== undefined && message.method !== undefined)
      this.send({
        jsonrpc: '2.0',
        id: message.id,
        result: message.method === 'workspace/configuration' ? [] : null,
      });
    const waiter = this.waiters.findIndex((w) => w.match(message));
    if (waiter >= 0) this.waiters.splice(waiter, 1)[0]!.resolve(message);
  }
}

describe('scenarios/schema.json in an editor (yaml-language-server over stdio)', () => {
  let client: LspClient;
  const quickstartFile = resolve(repo, 'scenarios/quickstart.yaml');
  const quickstart = readFileSync(quickstartFile, 'utf8');
  let version = 0;

  /** Opens a drill as an editor does (it lives beside the schema its modeline names) and returns its diagnostics. */
  async function diagnosticsFor(name: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(resolve(repo, 'scenarios', name)).href;
    const published = client.next(
      (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri,
    );
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: ++version, text },
    });
    return ((await published).params as { diagnostics: Diagnostic[] }).diagnostics;
  }

  beforeAll(async () => {
    client = new LspClient();
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(repo).href,
      capabilities: { textDocument: { publishDiagnostics: {} } },
    });
    client.notify('initialized', {});
    // The schema comes from the file's modeline; the public catalogue stays off (no network here).
    client.notify('workspace/didChangeConfiguration', {
      settings: { yaml: { validate: true, schemaStore: { enable: false } } },
    });
  }, ANSWER_TIMEOUT_MS * 2);

  afterAll(async () => {
    await client?.close();
  });

  it(
    'the shipped drill opens without a diagnostic',
    async () => {
      expect(quickstart).toMatch(/^# yaml-language-server: \$schema=\.\/schema\.json$/m);
      expect(await diagnosticsFor('quickstart-copy.yaml', quickstart)).toEqual([]);
    },
    ANSWER_TIMEOUT_MS * 2,
  );

  it(
    'a misspelt field gets a diagnostic on its line',
    async () => {
      const misspelt = quickstart.replace(/^baseline: 3s$/m, 'baselin: 3s');
      const line = misspelt.split('\n').indexOf('baselin: 3s');
      expect(line).toBeGreaterThan(0);
      const diagnostics = await diagnosticsFor('quickstart-typo.yaml', misspelt);
      expect(diagnostics.map((d) => ({ line: d.range.start.line, message: d.message }))).toContainEqual({
        line,
        message: 'Property baselin is not allowed.',
      });
    },
    ANSWER_TIMEOUT_MS * 2,
  );
});
