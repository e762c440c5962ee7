// Prints the table of docs/reliability.md from the tallies the last run left in .test-results/tallies.
import { readTallies, renderReportTable } from "../src/index.js";

process.stdout.write(renderReportTable(await readTallies()));
