/** npm run bench:bundle — initial JavaScript (gzip) of each built tab page; build them first (npm run build:tabs). */
import path from 'node:path';
import { pageWeights } from './bundle-size';

for (const { page, initialJsGzipKb } of pageWeights(path.resolve(__dirname, '..', '..', 'tabs', 'dist'))) {
  console.log(`bench:bundle page=${page} initial_js_gzip_kb=${initialJsGzipKb}`);
}
