#!/usr/bin/env node
import { createSillatApp } from '../lib/sillat-app';

createSillatApp().app.synth();
