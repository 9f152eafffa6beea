import fs from 'node:fs';
import type { Handlers } from '../../../shared/contract.ts';
import { servicesFileSchema, validateService, type ServiceConfig } from '../../../shared/services.ts';
import { describeIssues, fieldIssues } from '../../../shared/validation.ts';
import { keepLastGood, writeJsonFileAtomic } from '../config/json-file.ts';
import { strayMessage, withoutStrays } from '../secrets/host-binding.ts';
import { ForbiddenError, UserError } from '../../../shared/errors.ts';
import type { HandlerPorts } from './ports.ts';

type ServicesPorts = Pick<HandlerPorts, 'clock' | 'engine' | 'store' | 'config' | 'secrets' | 'log'>;

type ServicesHandlers = Pick<
  Handlers,
  'services.list' | 'services.validate' | 'services.save' | 'services.delete' | 'services.test'
>;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The file's entries as written, so saving one service leaves the others exactly as the user wrote
 * them. A file that failed to load contributes nothing (its copy was kept aside when it loaded).
 */
function writtenEntries(ports: ServicesPorts): unknown[] {
  const problem = ports.config.servicesFileProblem;
  // Running on the last good copy: saving one service keeps the others as that copy has them.
  if (problem?.lastGood) return readEntries(problem.lastGood);
  if (problem) {
    if (!problem.keptAt)
      throw new UserError(
        `${ports.config.servicesFile} is invalid and could not be copied aside; fix or move it before saving services`,
      );
    return [];
  }
  const entries = readEntries(ports.config.servicesFile);
  // Edited by hand since it was loaded: what is running no longer matches the file.
  if (entries.length !== ports.config.configuredServices.length)
    throw new UserError(
      `${ports.config.servicesFile} changed on disk since Haltwatch loaded it; restart Haltwatch before saving services`,
    );
  return entries;
}

function readEntries(file: string): unknown[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return (JSON.parse(text) as { services: unknown[] }).services;
}

/** Writes the new list, then applies it to the running engine. */
async function writeServices(ports: ServicesPorts, entries: unknown[]): Promise<ServiceConfig[]> {
  const parsed = servicesFileSchema.safeParse({ services: entries });
  if (!parsed.success) throw new UserError(`services: ${describeIssues(fieldIssues(parsed.error))}`);
  writeJsonFileAtomic(ports.config.servicesFile, { services: entries });
  const notKept = keepLastGood(ports.config.servicesFile);
  if (notKept) ports.log(`haltwatch: ${notKept}`);
  await ports.config.replaceServices(parsed.data.services);
  return parsed.data.services;
}

function indexOf(ports: ServicesPorts, name: string): number {
  const index = ports.config.configuredServices.findIndex((s) => sameName(s.name, name));
  if (index < 0) throw new UserError(`no service named "${name}"`);
  return index;
}

/** Commands run as the app's user: only the operator at this machine adds, edits or tests them. */
function refuseRemoteCommand(allowed: boolean, what: string): void {
  if (!allowed)
    throw new ForbiddenError(
      `${what} is refused over HTTP: command services are the desktop operator's alone ` +
        '(use the Haltwatch window, or start haltwatch serve with --allow-remote-commands)',
    );
}

/** Add, edit, delete and test services; every change is written to the services file and audited. */
export function servicesHandlers(ports: ServicesPorts): ServicesHandlers {
  const audit = (
    action: string,
    service: string,
    reason: string,
    actor: string,
    extra: Record<string, string> = {},
  ) =>
    ports.store.appendAudit({
      at: ports.clock.now(),
      kind: 'manual',
      action,
      reason,
      actor,
      details: { service, ...extra },
    });
  const isCommand = (name: string | undefined) =>
    name !== undefined &&
    ports.config.configuredServices.some((s) => sameName(s.name, name) && s.kind === 'command');

  return {
    'services.list': () => [...ports.config.configuredServices],
    'services.validate': ({ service }) => {
      const checked = validateService(service);
      return checked.ok ? { ok: true } : { ok: false, errors: checked.errors };
    },
    'services.save': async ({ service: asked, previousName, reason }, { actor, commandsAndSecrets }) => {
      if (asked.kind === 'command' || isCommand(previousName))
        refuseRemoteCommand(commandsAndSecrets, 'saving a command service');
      const strays = ports.secrets.bindings.strays(asked);
      const service = strays.length > 0 ? withoutStrays(asked, strays) : asked;
      const notice = strays.length > 0 ? strayMessage(asked, strays) : null;
      const entries = writtenEntries(ports);
      const index = previousName === undefined ? entries.length : indexOf(ports, previousName);
      const clash = ports.config.configuredServices.find(
        (s, i) => i !== index && sameName(s.name, service.name),
      );
      if (clash) throw new UserError(`a service named "${clash.name}" already exists`);
      entries.splice(index, 1, service);
      const saved = await writeServices(ports, entries);
      ports.secrets.bindings.settle(service);
      const renamed = previousName !== undefined && previousName !== service.name;
      audit(
        previousName === undefined ? 'service_added' : 'service_changed',
        renamed ? `${previousName} → ${service.name}` : service.name,
        reason,
        actor,
        notice ? { droppedSecrets: strays.map((use) => use.secret).join(', ') } : {},
      );
      return { service: saved[index]!, notice };
    },
    'services.delete': async ({ name, reason }, { actor }) => {
      const entries = writtenEntries(ports);
      const index = indexOf(ports, name);
      const deleted = ports.config.configuredServices[index]!.name;
      entries.splice(index, 1);
      await writeServices(ports, entries);
      audit('service_deleted', deleted, reason, actor);
      return { deleted };
    },
    'services.test': ({ service }, { commandsAndSecrets }) => {
      if (service.kind === 'command') refuseRemoteCommand(commandsAndSecrets, 'testing a command service');
      const strays = ports.secrets.bindings.strays(service);
      if (strays.length > 0) throw new UserError(strayMessage(service, strays));
      return ports.engine.probeOnce(service);
    },
  };
}
