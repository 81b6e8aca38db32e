import { csvParseRows } from "d3-dsv";
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { daviesBouldin } from "../../src/stats/daviesBouldin.ts";
import { kmeans } from "../../src/stats/kmeans.ts";
import { silhouetteScores } from "../../src/stats/silhouette.ts";
import { standardise } from "../../src/stats/standardise.ts";

// Three well-separated blobs of 5, 5 and 4 points, as x and y columns.
const BLOBS = [Float64Array.of(0, 1, 0, 1, 0.5, 10, 11, 10, 11, 10.5, 5, 6, 5, 6), Float64Array.of(0, 0, 1, 1, 0.5, 0, 0, 1, 1, 0.2, 8, 8, 9, 9.5)];

/** Park-Miller minimal standard generator, the same arithmetic as the Python that made the references. */
function parkMiller(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** 240 points around 4 centres, spread ±2.5 so that the clusters overlap and k-means has several local minima. */
function overlapping(): Float64Array[] {
  const next = parkMiller(1);
  const centres = [
    [0, 0],
    [4, 1],
    [1, 5],
    [6, 6],
  ];
  const x = new Float64Array(240);
  const y = new Float64Array(240);
  for (let i = 0; i < 240; i++) {
    const [cx, cy] = centres[i % 4]!;
    x[i] = cx! + (next() - 0.5) * 5;
    y[i] = cy! + (next() - 0.5) * 5;
  }
  return [x, y];
}

function sizes(labels: Int32Array): number[] {
  const counts: number[] = [];
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / expected;
}

describe("kmeans(columns, k, options)", () => {
  it("finds three blobs with sklearn's inertia and centroids, labelled by size then position", () => {
    // Best of KMeans(3, n_init=10, random_state=s).fit(X) over s = 0..19: inertia_ 6.7595,
    // cluster_centers_ (0.5, 0.5), (10.5, 0.44), (5.5, 8.625)
    const result = kmeans(BLOBS, 3, { seed: 1 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(result.inertia).toBeCloseTo(6.7595, 12);
    const expected = [
      [0.5, 0.5],
      [10.5, 0.44],
      [5.5, 8.625],
    ];
    result.centroids.forEach((centroid, c) => centroid.forEach((v, f) => expect(v).toBeCloseTo(expected[c]![f]!, 12)));
  });

  it("matches sklearn's inertia for k = 1, 2 and 4 on the blobs", () => {
    // Best of KMeans(k, n_init=10, random_state=s).fit(X) over s = 0..19: inertia_ 446.78, 209.01644444444443, 5.197
    const one = kmeans(BLOBS, 1, { seed: 1 });
    expect(one.inertia).toBeCloseTo(446.78, 10);
    expect(one.centroids[0]![0]).toBeCloseTo(5.5, 12);
    expect(one.centroids[0]![1]).toBeCloseTo(2.8, 12);
    const two = kmeans(BLOBS, 2, { seed: 1 });
    expect(two.inertia).toBeCloseTo(209.01644444444443, 10);
    expect(sizes(two.labels)).toEqual([9, 5]);
    const four = kmeans(BLOBS, 4, { seed: 1 });
    expect(four.inertia).toBeCloseTo(5.197, 10);
    expect(Array.from(four.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 3, 3]);
  });

  it("reaches sklearn's best inertia on 240 overlapping points", () => {
    // Best of KMeans(k, n_init=10, random_state=s).fit(P) over s = 0..49 (500 k-means++ starts) on the same points:
    // k=2 inertia_ 1961.862557521316, sizes 139, 101; k=4 882.7561221259352, sizes 69, 65, 55, 51;
    // k=6 606.697120115611, sizes 54, 45, 37, 36, 35, 33
    const points = overlapping();
    expect([points[0]![0], points[1]![0], points[0]![239], points[1]![239]]).toEqual([
      -2.4998876103199494, -2.074837754282559, 4.151832204615619, 8.09234900055097,
    ]);
    const cases = [
      [2, 1961.862557521316, [139, 101]],
      [4, 882.7561221259352, [69, 65, 55, 51]],
      [6, 606.697120115611, [54, 45, 37, 36, 35, 33]],
    ] as const;
    for (const [k, inertia, counts] of cases) {
      const result = kmeans(points, k, { seed: 7 });
      expect(relative(result.inertia, inertia)).toBeLessThan(1e-9);
      expect(sizes(result.labels)).toEqual(counts);
    }
  });

  it("is deterministic for a seed, and labels do not depend on row order", () => {
    const points = overlapping();
    expect(kmeans(points, 4, { seed: 3 })).toEqual(kmeans(points, 4, { seed: 3 }));
    // At k = 2 every seed finds the best partition (100 of 100 seeds, as sklearn's n_init=50), so only the labelling could differ.
    const a = kmeans(points, 2, { seed: 3 });
    const order = Array.from({ length: 240 }, (_, i) => (i * 97) % 240); // 97 is prime to 240: a permutation
    const permuted = points.map((column) => Float64Array.from(order, (i) => column[i]!));
    const b = kmeans(permuted, 2, { seed: 11 });
    expect(b.inertia).toBeCloseTo(a.inertia, 9);
    expect(Array.from(b.labels)).toEqual(order.map((i) => a.labels[i]));
  });

  it("measures the tolerance relative to the data's variance", () => {
    const points = overlapping();
    const scaled = points.map((column) => column.map((v) => v * 1000));
    for (const tolerance of [1e-4, 1e-2]) {
      const a = kmeans(points, 6, { seed: 5, starts: 5, tolerance });
      const b = kmeans(scaled, 6, { seed: 5, starts: 5, tolerance });
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(b.iterations).toBe(a.iterations);
      expect(relative(b.inertia, a.inertia * 1e6)).toBeLessThan(1e-12);
    }
    // A tolerance far above the variance stops every start after one iteration.
    expect(kmeans(points, 6, { seed: 5, tolerance: 1e9 }).iterations).toBe(1);
  });

  it("returns labels that match its centroids, even when stopped by maxIterations", () => {
    const points = overlapping();
    const result = kmeans(points, 6, { seed: 2, starts: 3, maxIterations: 1 });
    expect(result.iterations).toBe(1);
    let inertia = 0;
    for (let i = 0; i < 240; i++) {
      const distances = result.centroids.map(([cx, cy]) => (points[0]![i]! - cx!) ** 2 + (points[1]![i]! - cy!) ** 2);
      const nearest = distances.indexOf(Math.min(...distances));
      expect(result.labels[i]).toBe(nearest);
      inertia += distances[nearest]!;
    }
    expect(result.inertia).toBeCloseTo(inertia, 9);
  });

  it("keeps going with fewer distinct points than k, leaving the extra cluster empty", () => {
    const result = kmeans([Float64Array.of(0, 0, 0, 0, 5, 5)], 3, { seed: 1 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(result.inertia).toBe(0);
    expect(result.centroids.slice(0, 2)).toEqual([[0], [5]]);
    expect([0, 5]).toContain(result.centroids[2]![0]);
  });

  it("puts each point in its own cluster when k = n", () => {
    const result = kmeans([Float64Array.of(3, 1, 2)], 3, { seed: 1 });
    expect(result.inertia).toBe(0);
    expect(Array.from(result.labels)).toEqual([2, 0, 1]); // equal sizes: ordered by centroid
    expect(result.centroids).toEqual([[1], [2], [3]]);
  });

  it("gives the documented example", () => {
    const result = kmeans([Float64Array.of(0, 1, 10, 11, 12)], 2, { seed: 1 });
    expect(Array.from(result.labels)).toEqual([1, 1, 0, 0, 0]);
    expect(result.centroids).toEqual([[11], [0.5]]);
    expect(result.inertia).toBe(2.5);
  });

  it("throws on a bad k, options or input", () => {
    expect(() => kmeans(BLOBS, 0, { seed: 1 })).toThrow("invalid k: 0 (14 points)");
    expect(() => kmeans(BLOBS, 15, { seed: 1 })).toThrow("invalid k: 15 (14 points)");
    expect(() => kmeans(BLOBS, 2.5, { seed: 1 })).toThrow("invalid k: 2.5 (14 points)");
    expect(() => kmeans([], 1, { seed: 1 })).toThrow("invalid kmeans input: no columns");
    expect(() => kmeans(BLOBS, 2, { seed: -1 })).toThrow("invalid seed: -1");
    expect(() => kmeans(BLOBS, 2, { seed: 1, starts: 0 })).toThrow("invalid starts: 0");
    expect(() => kmeans(BLOBS, 2, { seed: 1, maxIterations: 0 })).toThrow("invalid maxIterations: 0");
    expect(() => kmeans(BLOBS, 2, { seed: 1, tolerance: -1 })).toThrow("invalid tolerance: -1");
    expect(() => kmeans([Float64Array.of(1, NaN)], 1, { seed: 1 })).toThrow("invalid value in column 0, row 1: NaN");
  });
});

const RETAIL = new URL("../../../shared/data/online-retail/online_retail.csv.gz", import.meta.url).pathname;
const retailPresent = existsSync(RETAIL);
if (!retailPresent) console.warn(`skipping the Online Retail k-means test: ${RETAIL} is absent`);

/**
 * Customer RFM features of UCI Online Retail as the pandas reference builds
 * them: drop cancellations (InvoiceNo "C…"), Quantity < 0, UnitPrice <= 0,
 * no CustomerID and exact duplicate rows; per customer, recency = days from
 * the last order date to 2011-12-09, frequency = distinct invoices, monetary
 * = Σ Quantity × UnitPrice; features log1p(R), log1p(F), log1p(M).
 */
function retailFeatures(): { customers: number; mean: number[]; columns: Float64Array[] } {
  const lines = gunzipSync(readFileSync(RETAIL)).toString("utf8").split("\n");
  const unique = [...new Set(lines.slice(1).filter((line) => line !== ""))];
  const customers = new Map<string, { last: string; invoices: Set<string>; monetary: number }>();
  for (const [invoice, , , quantityText, date, priceText, customer] of csvParseRows(unique.join("\n"))) {
    const quantity = Number(quantityText);
    const price = Number(priceText);
    if (invoice!.startsWith("C") || quantity < 0 || !(price > 0) || customer === "") continue;
    let c = customers.get(customer!);
    if (c === undefined) customers.set(customer!, (c = { last: "", invoices: new Set(), monetary: 0 }));
    const day = date!.slice(0, 10);
    if (day > c.last) c.last = day;
    c.invoices.add(invoice!);
    c.monetary += quantity * price;
  }
  const end = Date.UTC(2011, 11, 9);
  const rfm = [...customers.values()].map((c) => [(end - Date.parse(`${c.last}T00:00:00Z`)) / 86_400_000, c.invoices.size, c.monetary]);
  const mean = [0, 1, 2].map((f) => rfm.reduce((s, r) => s + r[f]!, 0) / rfm.length);
  return { customers: rfm.length, mean, columns: [0, 1, 2].map((f) => Float64Array.from(rfm, (r) => Math.log1p(r[f]!))) };
}

describe.skipIf(!retailPresent)("kmeans on the customers of UCI Online Retail (../shared/data/online-retail)", () => {
  const features = retailPresent ? retailFeatures() : null;
  const columns = features === null ? [] : standardise(features.columns).columns;

  it("builds the pandas RFM features", () => {
    // pandas (the rules above): 4,338 customers; mean recency 92.059474 days, frequency 4.272015, monetary 2048.688081
    expect(features!.customers).toBe(4338);
    expect(features!.mean[0]).toBeCloseTo(92.059474, 5);
    expect(features!.mean[1]).toBeCloseTo(4.272015, 5);
    expect(features!.mean[2]).toBeCloseTo(2048.688081, 5);
  });

  it("reaches sklearn's best inertia within 0.1% for k = 2..8", () => {
    // Best inertia_ of KMeans(k, init="k-means++", n_init=10, random_state=s).fit(Z) over s = 0..49 (sklearn 1.2.1),
    // Z = the pandas features standardised with numpy's population SD.
    const best = [6488.0041024761795, 4879.125332610634, 3962.597669414506, 3330.8806538120707, 2875.377142918854, 2573.1739721068507, 2359.5191977852796];
    best.forEach((inertia, i) => expect(relative(kmeans(columns, i + 2, { seed: 1 }).inertia, inertia)).toBeLessThan(1e-3));
  });

  it("run to convergence, finds sklearn's best partition for k = 2..4, with its silhouette and DB", () => {
    // The same with tol=0: [k, best inertia_, silhouette_score(Z, labels_), davies_bouldin_score(Z, labels_)].
    // (At the default tolerance both stop a little short of a fixed point, so partitions differ in a few points.)
    const references = [
      [2, 6488.0032665409035, 0.4339696697301165, 0.8921248293699033],
      [3, 4879.119730232409, 0.3380712630004002, 1.0481998374527786],
      [4, 3962.5505607010136, 0.33641629029735387, 1.012002235213214],
    ] as const;
    const labelings = references.map(([k, inertia, , db]) => {
      const result = kmeans(columns, k, { seed: 1, tolerance: 0 });
      expect(relative(result.inertia, inertia)).toBeLessThan(1e-9);
      expect(daviesBouldin(columns, result.labels)).toBeCloseTo(db, 9);
      return result.labels;
    });
    silhouetteScores(columns, labelings).forEach((score, i) => expect(score).toBeCloseTo(references[i]![2], 9));
  });
});
