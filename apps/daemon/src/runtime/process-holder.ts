import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";

// A lease holder names the process that holds it: host, boot, pid namespace, pid and a random
// suffix. A daemon restarted on the same machine after a crash can then see that the holder is
// dead and take the lease at once instead of waiting out its TTL.

/** This kernel boot (Linux); undefined elsewhere, which disables takeovers. */
function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The pid namespace, so a pid is only judged where it means the same process. */
function pidNamespace(): string | undefined {
  try {
    return readlinkSync("/proc/self/ns/pid").replace(/\D/g, "");
  } catch {
    return undefined;
  }
}

/** This process as a lease holder: `host:boot:pidns:pid:random`. */
export function processHolder(random: () => number): string {
  const suffix = random().toString(36).slice(2, 8) || "0";
  return [hostname(), bootId() ?? "-", pidNamespace() ?? "-", process.pid, suffix].join(":");
}

/**
 * Whether `holder` names a process on this machine, this boot and this pid namespace that no
 * longer exists. Anything else (another host, a reboot, another container, a live or reused
 * pid, an unreadable holder) is not known dead: the lease is left to expire.
 */
export function holderIsDeadHere(holder: string): boolean {
  const parts = holder.split(":");
  if (parts.length < 5) return false;
  const host = parts.slice(0, -4).join(":");
  const [boot, namespace, pidText] = parts.slice(-4, -1);
  const pid = Number(pidText);
  const ourBoot = bootId();
  const ourNamespace = pidNamespace();
  if (ourBoot === undefined || ourNamespace === undefined) return false;
  if (host !== hostname() || boot !== ourBoot || namespace !== ourNamespace) return false;
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
