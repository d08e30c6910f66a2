import type { Pool, RowDataPacket } from 'mysql2/promise';
import type { CustomerView } from '../api-schemas';
import { InstantWinError } from '../domain/instant-win-error';
import { ER_DUP_ENTRY, hasSqlCode } from './with-transaction';

/** Customers of instant-win campaigns: an id and the E.164 phone number. */
export class CustomerRepository {
  constructor(private readonly pool: Pool) {}

  /** Registers a customer; `customer-exists` when the id is taken. */
  async insert(customer: CustomerView, createdAt: Date): Promise<void> {
    try {
      await this.pool.execute('INSERT INTO iw_customers (id, phone_e164, created_at) VALUES (?, ?, ?)', [
        customer.customerId,
        customer.phone,
        createdAt,
      ]);
    } catch (error) {
      if (hasSqlCode(error, ER_DUP_ENTRY))
        throw new InstantWinError('customer-exists', `customer ${customer.customerId} is already registered`);
      throw error;
    }
  }

  /** The customer with `id`, if registered. */
  async find(id: string): Promise<CustomerView | undefined> {
    const [rows] = await this.pool.execute<RowDataPacket[]>(
      'SELECT id, phone_e164 FROM iw_customers WHERE id = ?',
      [id],
    );
    const row = rows[0];
    return row === undefined ? undefined : { customerId: String(row.id), phone: String(row.phone_e164) };
  }
}
