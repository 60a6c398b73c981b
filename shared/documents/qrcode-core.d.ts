/** qrcode's encoder alone: the package's entry also loads its PNG and SVG renderers, which a PDF needs not. */
declare module 'qrcode/lib/core/qrcode' {
  export { create } from 'qrcode';
}
