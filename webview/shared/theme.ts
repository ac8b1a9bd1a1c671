// Colours come from VS Code's theme variables so light, dark and high-contrast themes all work;
// canvases cannot use CSS variables directly, so they are resolved here at draw time.

export interface ChartTheme {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  font: string;
  fontSize: number;
  series: string[];
  warn: string;
  error: string;
  focus: string;
  highContrast: boolean;
}

const SERIES_VARS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
const SERIES_FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];

export function readTheme(el: Element = document.body): ChartTheme {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string): string => cs.getPropertyValue(name).trim() || fallback;
  const fontSize = Number.parseFloat(v('--vscode-font-size', '13')) || 13;
  const family = v('--vscode-font-family', 'system-ui, sans-serif');
  return {
    fg: v('--vscode-editor-foreground', v('--vscode-foreground', '#cccccc')),
    muted: v('--vscode-descriptionForeground', '#999999'),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    bg: v('--vscode-editor-background', '#1e1e1e'),
    font: `${Math.round(fontSize * 0.9)}px ${family}`,
    fontSize,
    series: SERIES_VARS.map((name, i) => v(name, SERIES_FALLBACK[i] ?? '#888')),
    warn: v('--vscode-editorWarning-foreground', '#cca700'),
    error: v('--vscode-errorForeground', '#f14c4c'),
    focus: v('--vscode-focusBorder', '#007fd4'),
    highContrast: document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light'),
  };
}

/** The same layer keeps the same colour everywhere: colour by its index in the model. */
export function layerColor(theme: ChartTheme, index: number): string {
  const base = theme.series[index % theme.series.length] ?? '#888';
  return base;
}

/** Size a canvas for the device pixel ratio and return a context scaled to CSS pixels. */
export function fitCanvas(canvas: HTMLCanvasElement, cssW: number, cssH: number): CanvasRenderingContext2D {
  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const w = Math.max(1, Math.round(cssW * dpr));
  const h = Math.max(1, Math.round(cssH * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${cssW}px`;
  canvas.style.height = `${cssH}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}
