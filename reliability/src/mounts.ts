import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Small filesystems the store-fault suite fills up or makes read-only. They need `mount`
 * (root, or a container with CAP_SYS_ADMIN); {@link probeMounts} says whether it works here,
 * so a suite can skip with the reason instead of failing.
 */
export interface Mount {
  /** Where the filesystem is mounted. */
  readonly path: string;
  /** Remounts it read-only (`mount -o remount,ro`): open files stay open, writes fail with EROFS. */
  readOnly(): Promise<void>;
  /** Remounts it read-write. */
  writable(): Promise<void>;
  /** Unmounts and removes the mount point (lazily, so an open handle does not block it). */
  unmount(): Promise<void>;
}

/** Whether this process may mount filesystems; `reason` says why not. */
export type MountSupport = { ok: true } | { ok: false; reason: string };

/** Tries a 64 KiB tmpfs once. */
export async function probeMounts(): Promise<MountSupport> {
  if (process.platform !== "linux")
    return { ok: false, reason: `mount needs Linux, not ${process.platform}` };
  try {
    const mount = await mountTmpfs({ sizeBytes: 64 * 1024 });
    await mount.unmount();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `mount is not permitted here: ${(error as Error).message.split("\n")[0]}` };
  }
}

/** Mounts a tmpfs of `sizeBytes` on a fresh directory: a disk that fills up when the test says. */
export async function mountTmpfs(options: { sizeBytes: number }): Promise<Mount> {
  const path = await mkdtemp(join(tmpdir(), "seqd-tmpfs-"));
  try {
    await run("mount", ["-t", "tmpfs", "-o", `size=${options.sizeBytes}`, "tmpfs", path]);
  } catch (error) {
    await rm(path, { recursive: true, force: true });
    throw error;
  }
  return controls(path, "");
}

/** Bind-mounts `source` on a fresh directory, so the test can make that view read-only alone. */
export async function bindMount(source: string): Promise<Mount> {
  const path = await mkdtemp(join(tmpdir(), "seqd-bind-"));
  await mkdir(path, { recursive: true });
  await run("mount", ["--bind", source, path]);
  return controls(path, "bind,");
}

function controls(path: string, bind: string): Mount {
  return {
    path,
    readOnly: async () => {
      await run("mount", ["-o", `remount,${bind}ro`, path]);
    },
    writable: async () => {
      await run("mount", ["-o", `remount,${bind}rw`, path]);
    },
    unmount: async () => {
      await run("umount", ["-l", path]);
      await rm(path, { recursive: true, force: true });
    },
  };
}
