// The S3 stand-in of s3rver.mjs as a process of its own, for the C++ tests (tests/support/s3rver.hpp):
//   node s3rver_main.mjs <directory> <bucket>
// prints "<port>\n" once it listens and serves until killed; the caller owns (and removes) the directory.
import { startS3rver } from './s3rver.mjs';

const [directory, bucket] = process.argv.slice(2);
const s3 = await startS3rver({ directory, bucket });
process.stdout.write(`${s3.port}\n`);
