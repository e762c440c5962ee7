const LEVEL_WIDTH = 5;

/**
 * Turns one pino JSON line into `HH:MM:SS LEVEL message key=value …` for people
 * watching a terminal. Lines that are not JSON pass through untouched.
 */
export function formatPrettyLine(line: string): string {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { time, level, msg, ...fields } = event;
  const clock = typeof time === "string" ? time.slice(11, 19) : "--:--:--";
  const label = String(level ?? "info")
    .toUpperCase()
    .padEnd(LEVEL_WIDTH);
  const rest = Object.entries(fields)
    .map(
      ([key, value]) => `${key}=${typeof value === "string" ? quoteIfNeeded(value) : JSON.stringify(value)}`,
    )
    .join(" ");
  return `${clock} ${label} ${String(msg ?? "")}${rest ? `  ${rest}` : ""}\n`;
}

function quoteIfNeeded(value: string): string {
  return /[\s"=]/.test(value) || value === "" ? JSON.stringify(value) : value;
}
