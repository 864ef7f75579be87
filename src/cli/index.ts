import { Argument, Command, CommanderError, Option } from 'commander';
import { PlanError } from '../errors.js';
import { packageVersion } from '../util/package.js';
import { processOutputs, type CommandContext } from './context.js';

// Each command's modules are imported only when that command runs, so `plan --version` stays cheap.
const version = packageVersion();


const program = new Command('plan')
  .description("Check a practice's social-media posts for PHI and against its plans, review them in pull requests, and publish them from CI exactly once.")
  .version(version, '--version', 'print the version')
  .option('-C, --cwd <dir>', 'run as if started in DIR (the content repository)')
  .option('--no-color', 'print without colour (also NO_COLOR=1)')
  .showHelpAfterError('(run "plan --help" for usage)')
  .exitOverride();

const started = new Date();

/** What every command reads of the world: the global options, this process's outputs and environment, the clock. */
const context = (): CommandContext => {
  const options = program.opts<{ cwd?: string; color: boolean }>();
  return { cwd: options.cwd ?? process.cwd(), color: options.color && !process.env.NO_COLOR, version, ...processOutputs(), env: process.env, now: started };
};

program
  .command('audit')
  .description('check posts for PHI, plan and network problems')
  .argument('[paths...]', 'posts or folders to audit (default: every post)')
  .option('--changed-since <ref>', 'audit only posts changed since the merge base with REF (a change to config or plans audits everything)')
  .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json', 'github', 'sarif', 'markdown']).default('pretty'))
  .option('--output <file>', 'write the report to FILE instead of the terminal')
  .option('--max-warnings <n>', 'exit with 1 when there are more than N warnings')
  .option('--quiet', 'show errors only')
  .option('--notes', 'also list info findings (notes) in the pretty format; they are always counted')
  .option('--now <iso>', 'the time to check against (default: now), e.g. 2026-10-06T09:00:00Z')
  .option('--reveal', 'show the text PHI findings matched (local terminal only; refused in CI)')
  .action(async (paths: string[], options) => {
    const { runAuditCommand } = await import('./commands/audit.js');
    process.exitCode = await runAuditCommand(paths, options, context());
  });

program
  .command('init')
  .description('start a new content repository: example plans and a post, the GitHub workflows and the files they install from')
  .argument('[dir]', 'where to create it', '.')
  .option('--reviewers <list>', 'comma-separated GitHub users or teams who approve posts (approval.reviewers and .github/CODEOWNERS), e.g. dr-lee,@your-org/compliance')
  .action(async (dir: string, options) => {
    const { runInitCommand } = await import('./commands/init.js');
    process.exitCode = await runInitCommand(dir, options, context());
  });

program
  .command('new')
  .description('create a draft post in content/, filling in what plan can infer and saying what it chose')
  .argument('[slug]', 'the file name, e.g. flu-shots-2026')
  .option('--at <when>', 'publish time in practice time, e.g. "2026-10-06 09:00" (default: the next free posting slot in plans/networks.yaml)')
  .option('--networks <list>', 'comma-separated networks (default: every network in plans/networks.yaml that publishes text alone)')
  .option('--objective <id>', 'what the post is for (default: the objective furthest below its share in plans/objectives.yaml)')
  .option('--audience <list>', 'comma-separated audience segments from plans/audiences.yaml (default: listed in the file for you to pick)')
  .option('--from-issue <event.json>', 'make a ready post from a "New post" issue: the event file of an issues workflow (GITHUB_EVENT_PATH)')
  .option('--pull-request', 'with --from-issue: commit the post on its own branch, open a pull request and comment the review on the issue (GitHub Actions)')
  .option('--now <iso>', 'the time to plan from (default: now)')
  .action(async (slug: string | undefined, options) => {
    const { runNewCommand } = await import('./commands/new.js');
    process.exitCode = await runNewCommand(slug, options, context());
  });

program
  .command('schema')
  .description('print the JSON Schema of a file, for editor autocompletion')
  .addArgument(
    new Argument('[kind]', 'which file').choices(['post', 'config', 'networks', 'audiences', 'objectives', 'observances']).default('post'),
  )
  .action(async (kind: string) => {
    const { runSchemaCommand } = await import('./commands/schema.js');
    process.exitCode = await runSchemaCommand(kind, context());
  });

// A reader that stops early (`plan audit | head`) is not a failure of plan: the rest of the output has nowhere to go.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

program
  .command('publish')
  .description('publish due posts (ready, approved, clean, time come) exactly once, and record the results')
  .option('--dry-run', 'print what would be sent where, and send nothing')
  .option('--now <iso>', 'the time to publish as of (default: now)')
  .option('--network <name>', 'publish to this network only')
  .option('--commit', 'keep the publish record on the remote (branch plan-record): every post is claimed there before it is sent, so a job that dies or a second job never sends it twice')
  .option('--catch-up', 'also publish posts more than 24 hours late')
  .action(async (options) => {
    const { runPublishCommand } = await import('./commands/publish.js');
    process.exitCode = await runPublishCommand(options, context());
  });

program
  .command('status')
  .description('the publish record: published (with links), due, failed (why), unknown (what to check)')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
  .option('--all', 'list every post, not only what needs attention and the next two weeks (json always lists every post)')
  .option('--now <iso>', 'the time to report as of (default: now)')
  .action(async (options) => {
    const { runStatusCommand } = await import('./commands/status.js');
    process.exitCode = await runStatusCommand(options, context());
  });

program
  .command('review')
  .description('what a pull request will publish: each new or changed post as each network shows it, with its findings')
  .requiredOption('--base <ref>', 'the branch the pull request merges into, e.g. origin/main')
  .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'github', 'json']).default('markdown'))
  .option('--now <iso>', 'the time to review as of (default: now)')
  .option('--comment', "post the review as the pull request's one comment, updated in place (GitHub Actions)")
  .action(async (options) => {
    const { runReviewCommand } = await import('./commands/review.js');
    process.exitCode = await runReviewCommand(options, context());
  });

program
  .command('calendar')
  .description('the posts week by week: where each stands on each network, the plan cadence and observances')
  .option('--from <date>', 'the first week shown (its Monday), e.g. 2026-11-30 (default: this week)')
  .option('--weeks <n>', 'how many weeks to show (default: 8)')
  .addOption(new Option('--format <format>', 'output format (html: one page to open in a browser)').choices(['table', 'ics', 'json', 'html']).default('table'))
  .option('--output <file>', 'write the calendar to FILE instead of the terminal')
  .option('--now <iso>', 'the time to show states as of (default: now)')
  .action(async (options) => {
    const { runCalendarCommand } = await import('./commands/calendar.js');
    process.exitCode = await runCalendarCommand(options, context());
  });

program
  .command('preview')
  .description('a post as each network will show it: the text it receives, its count and what is cut behind "see more"')
  .argument('<post>', 'the post file, e.g. content/2026/10/flu-shots.md')
  .option('--network <name>', 'preview this network only')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(async (post: string, options) => {
    const { runPreviewCommand } = await import('./commands/preview.js');
    process.exitCode = await runPreviewCommand(post, options, context());
  });

program
  .command('insights')
  .description('what the published posts earned, per objective, network, audience and week, against the targets, with the best times to post')
  .option('--fetch', 'first read fresh figures from each network and keep them in .plan/metrics.jsonl')
  .option('--commit', 'with --fetch: keep the figures on the remote, next to the publish record (branch plan-record)')
  .option('--from <date>', 'the first day of the period, e.g. 2026-12-01 (default: the Monday four weeks before this week)')
  .option('--to <date>', 'the last day of the period (default: today)')
  .addOption(new Option('--format <format>', 'output format (markdown: for a job summary, with charts; html: one page with charts)').choices(['table', 'json', 'markdown', 'html']).default('table'))
  .option('--output <file>', 'write the report to FILE instead of the terminal')
  .option('--chart <file>', 'also write the weekly figures per network and objective as an SVG chart to FILE')
  .option('--now <iso>', 'the time to report as of (default: now)')
  .action(async (options) => {
    const { runInsightsCommand } = await import('./commands/insights.js');
    process.exitCode = await runInsightsCommand(options, context());
  });

program
  .command('doctor')
  .description('check the set-up without publishing: credentials present and accepted, token expiry, endpoints, media at media_base_url')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
  .action(async (options) => {
    const { runDoctorCommand } = await import('./commands/doctor.js');
    process.exitCode = await runDoctorCommand(options, context());
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? 0 : 2;
  }
  if (error instanceof PlanError) {
    process.stderr.write(`plan: ${error.message}\n`);
    return error.exitCode;
  }
  const detail = process.env.PLAN_DEBUG ? String((error as Error)?.stack ?? error) : String((error as Error)?.message ?? error);
  process.stderr.write(`plan: unexpected failure: ${detail}\nThis is a bug in plan: please report it with the command you ran.\n`);
  return 2;
}
