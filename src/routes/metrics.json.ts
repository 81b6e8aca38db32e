// metrics.json: the same bytes as `romi metrics` writes.
import type { APIRoute } from "astro";
import { getSite } from "../site/get.ts";

export const GET: APIRoute = async () => new Response((await getSite()).json, { headers: { "Content-Type": "application/json" } });
