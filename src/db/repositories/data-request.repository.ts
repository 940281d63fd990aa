import { DataRequestModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { DataRequest } from '../../integrations/integration';

export class DataRequestRepository {
  async add(request: Omit<DataRequest, 'id'>): Promise<DataRequest> {
    return toEntity<DataRequest>((await DataRequestModel.create(request)).toObject());
  }

  async list(merchantId: string, limit: number): Promise<DataRequest[]> {
    return (
      await DataRequestModel.find({ merchantId }).sort({ receivedAt: -1 }).limit(limit).lean()
    ).map((d) => toEntity<DataRequest>(d));
  }

  async findForMerchant(merchantId: string, id: string): Promise<DataRequest | null> {
    const _id = objectId(id);
    return _id
      ? toEntityOrNull<DataRequest>(await DataRequestModel.findOne({ _id, merchantId }).lean())
      : null;
  }

  /** A redacted customer's requests go too: they name the guest. */
  async removeForCustomer(
    connectionId: string,
    customer: { email?: string; externalId?: string },
  ): Promise<void> {
    const who = [
      customer.email ? { 'customer.email': customer.email } : null,
      customer.externalId ? { 'customer.externalId': customer.externalId } : null,
    ].filter((c) => c !== null);
    if (who.length) await DataRequestModel.deleteMany({ connectionId, $or: who });
  }

  async removeForConnection(connectionId: string): Promise<void> {
    await DataRequestModel.deleteMany({ connectionId });
  }
}
