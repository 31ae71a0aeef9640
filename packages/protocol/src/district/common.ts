import { z } from 'zod';

/**
 * Stable asset ids: the 数字身份证 of every building, pipe, pole and camera. Upper-case letters,
 * digits and dashes only, so an id is safe in a URL, a file name, an MQTT topic and an object key.
 */
export const AssetId = z
  .string()
  .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, { message: 'asset id must look like BLD-000123' })
  .max(64);
export type AssetId = z.infer<typeof AssetId>;

/** A name in Chinese, with an English form where one is useful. */
export const LocalizedName = z.object({
  zh: z.string().min(1),
  en: z.string().min(1).optional(),
});
export type LocalizedName = z.infer<typeof LocalizedName>;

export const Year = z.number().int().min(1900).max(2100);
