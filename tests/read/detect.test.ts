import { describe, expect, it } from "vitest";
import { detect } from "../../src/read/detect.ts";

describe("detect(file, headers)", () => {
  it("reads the CDNOW orders (customer_id, date, quantity, revenue) as orders: date is the order time", () => {
    expect(detect("cdnow_orders.csv", ["customer_id", "date", "quantity", "revenue"])).toEqual({
      status: "ok",
      kind: "orders",
      columns: { quantity: 2, user: 0, time: 1, revenue: 3 },
    });
  });

  it("still reads a costs file with a date column as costs (it recognises more of its columns)", () => {
    expect(detect("costs.csv", ["date", "source", "spend"])).toEqual({ status: "ok", kind: "costs", columns: { date: 0, source: 1, cost: 2 } });
  });

  it("reads UCI Online Retail lines, bank transactions, customers and MCC codes without configuration", () => {
    const kind = (headers: string[]): string => {
      const d = detect("f.csv", headers);
      return d.status === "ok" ? d.kind : d.status;
    };
    expect(kind(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"])).toBe("orders");
    expect(kind(["customer_id", "tr_datetime", "mcc_code", "amount"])).toBe("orders");
    expect(kind(["customer_id", "registration_date", "age", "city", "gender", "email", "sms", "push", "phone"])).toBe("customers");
    expect(kind(["mcc_code", "mcc_description"])).toBe("categories");
  });
});
