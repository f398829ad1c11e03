#!/usr/bin/env -S node --max-old-space-size=96
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
