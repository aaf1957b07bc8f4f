import * as assert from 'node:assert/strict';
import { createConsent, type ConsentRequest } from '../../src/commands/consent';
import { UserCancelled } from '../../src/util/errors';

const request: ConsentRequest = { message: 'Write the secret of "p" in plain text to ~/x?', detail: 'why', action: 'Write' };

/** A modal that records what it was asked and answers with `answer`. */
function modal(answer: string | undefined) {
  const asked: string[][] = [];
  return { asked, show: async (message: string, detail: string, action: string) => (asked.push([message, detail, action]), answer) };
}

describe('consent', () => {
  it('asks in production even when the arguments say yes', async () => {
    const m = modal('Write');
    await createConsent(false, m.show).ask({ ...request, preapproved: true });
    assert.deepEqual(m.asked, [[request.message, request.detail, request.action]]);
  });

  it('stops the command when the person does not press the action', async () => {
    for (const answer of [undefined, 'Cancel', 'write']) {
      const m = modal(answer);
      await assert.rejects(createConsent(false, m.show).ask({ ...request, preapproved: true }), UserCancelled);
      assert.equal(m.asked.length, 1);
    }
  });

  it('lets the arguments answer under a test runner only', async () => {
    const m = modal(undefined);
    await createConsent(true, m.show).ask({ ...request, preapproved: true });
    assert.deepEqual(m.asked, [], 'Test mode with confirm: true asks nothing');
    await assert.rejects(createConsent(true, m.show).ask(request), UserCancelled, 'without it, Test mode asks too');
    assert.equal(m.asked.length, 1);
  });

  it('tells the alternative button from the action, and an alternative it was not offered from neither', async () => {
    const offered = { ...request, alternative: 'Do Something Else' };
    assert.equal(await createConsent(false, modal('Do Something Else').show).ask(offered), 'alternative');
    assert.equal(await createConsent(false, modal('Write').show).ask(offered), 'agreed');
    await assert.rejects(createConsent(false, modal('Do Something Else').show).ask(request), UserCancelled);
    assert.equal(await createConsent(true, modal(undefined).show).ask({ ...offered, preapproved: true }), 'agreed', 'confirm: true means the action');
  });

  it('says which mode it is in', () => {
    assert.equal(createConsent(true, modal(undefined).show).testMode, true);
    assert.equal(createConsent(false, modal(undefined).show).testMode, false);
  });
});
