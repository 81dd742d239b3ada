// Types for the two font packages that ship none.
declare module "subset-font" {
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: { targetFormat?: "truetype" | "sfnt" | "woff" | "woff2"; noLayoutClosure?: boolean },
  ): Promise<Buffer>;
}
declare module "fontverter" {
  const fontverter: { convert(font: Buffer, format: "truetype" | "sfnt" | "woff" | "woff2"): Promise<Buffer> };
  export default fontverter;
}
