/** The prebuilt bundle's path when no source it was built from is newer or gone; else undefined. */
export function freshBundle(appDir: string, repoDir?: string): string | undefined;
