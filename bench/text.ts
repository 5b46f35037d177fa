/**
 * `pnpm bench:text`: examples/simple_text_classifier on the SpamAssassin corpus. The model
 * (@lsml/text) against scikit-learn and natural, as `pnpm bench:text-package` measures it, then
 * /predict over HTTP: single-task p50/p99, 1,000 tasks in one request (target < 2 s), and RSS
 * through a 50,000-task auto-labeling run (target flat).
 *
 * Flags: --no-sklearn, --no-natural, --no-variants, --no-http (skip those parts).
 */
import { measureHttp } from '../examples/simple_text_classifier/bench/http-latency.js';
import { runTextBench } from './text-bench.js';

const withHttp = !process.argv.includes('--no-http');

await runTextBench({
  subject: 'simple_text_classifier',
  ...(withHttp && {
    http: async (trainSet, test) => {
      console.log('\n/predict over HTTP (real socket, model trained on the train split):');
      const http = await measureHttp(trainSet, test);
      const worstThousand = Math.max(...http.thousandTasksSeconds);
      const rss = http.autoLabel.rssMbEvery10k;
      console.log(
        `  single task: p50 ${http.singleTaskMs.p50.toFixed(1)} ms, p99 ${http.singleTaskMs.p99.toFixed(1)} ms (${http.singleTaskMs.requests} requests)\n` +
          `  ${worstThousand < 2 ? 'PASS' : 'FAIL'}  1,000 tasks in one /predict < 2 s: ${http.thousandTasksSeconds.map((s) => s.toFixed(2)).join(', ')} s\n` +
          `  auto-labeling ${http.autoLabel.tasks} tasks in ${http.autoLabel.seconds.toFixed(1)} s; RSS every 10k tasks: ${rss.map((r) => r.toFixed(0)).join(', ')} MB`,
      );
      return http;
    },
  }),
});
