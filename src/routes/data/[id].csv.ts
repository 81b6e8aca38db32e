// One CSV per chart and table: data/<id>.csv.
import type { APIRoute, GetStaticPaths } from "astro";
import { getSite } from "../../site/get.ts";

export const getStaticPaths: GetStaticPaths = async () => {
  const { model } = await getSite();
  return [...model.downloads.keys()].map((id) => ({ params: { id } }));
};

export const GET: APIRoute = async ({ params }) => {
  const { model } = await getSite();
  return new Response(model.downloads.get(String(params["id"])) ?? "", { headers: { "Content-Type": "text/csv; charset=utf-8" } });
};
