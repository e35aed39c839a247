/**
 * Gives the event loop a turn, so a worker can receive a cancel message mid-run.
 * Through a MessageChannel where there is one: browsers clamp nested setTimeout(0) to 4 ms.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined')
    return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}
