import type { NetworkId } from '../loading/schemas/index.js';
import type { Publisher, PublisherOptions } from './types.js';

interface PublisherModule {
  createPublisher(options: PublisherOptions<NetworkId>): Publisher;
}

/** The publisher of a network, loaded only when that network publishes (each lives in networks/<id>/publisher.ts). */
export async function loadPublisher(network: NetworkId, options: PublisherOptions<NetworkId>): Promise<Publisher> {
  const module = (await import(`./${network}/publisher.js`)) as PublisherModule;
  return module.createPublisher(options);
}
