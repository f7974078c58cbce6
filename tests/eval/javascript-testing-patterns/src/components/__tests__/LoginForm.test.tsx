import { render, screen, fireEvent } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoginForm } from '../LoginForm';

describe('LoginForm', () => {
  it('shows an error for a bad password', async () => {
    const user = userEvent.setup();
    render(<LoginForm />);
    user.type(screen.getByLabelText('Email'), 'ada@example.com'); // expect: javascript-testing-patterns/unawaited-user-event
    await user.type(screen.getByLabelText('Password'), 'wrong'); // near: javascript-testing-patterns/unawaited-user-event
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    screen.findByText('Wrong email or password'); // expect: javascript-testing-patterns/unawaited-find-query
    expect(await screen.findByText('Wrong email or password')).toBeVisible(); // near: javascript-testing-patterns/unawaited-find-query
  });

  it('submits with the keyboard', async () => {
    const { container } = render(<LoginForm />);
    const email = container.querySelector('#email') as HTMLInputElement; // expect: javascript-testing-patterns/container-query
    fireEvent.change(email, { target: { value: 'a@b.co' } }); // expect: javascript-testing-patterns/fire-event
    fireEvent.keyDown(screen.getByLabelText('Email'), { key: 'Enter' }); // expect: javascript-testing-patterns/fire-event
    expect(screen.getByRole('status')).toHaveTextContent('Signing in'); // near: javascript-testing-patterns/container-query
    expect(container).toMatchSnapshot(); // expect: javascript-testing-patterns/whole-tree-snapshot
    expect(screen.getByRole('alert').textContent).toMatchInlineSnapshot(`"Signing in"`); // near: javascript-testing-patterns/whole-tree-snapshot
  });

  it('calls onReady once mounted', async (done) => { // expect: javascript-testing-patterns/async-done
    render(<LoginForm onReady={() => done()} />);
  });

  it('calls onReady once', async () => { // near: javascript-testing-patterns/async-done
    const onReady = vi.fn();
    render(<LoginForm onReady={onReady} />);
    await vi.waitFor(() => expect(onReady).toHaveBeenCalledOnce()); // near: javascript-testing-patterns/fire-event
  });

  fit('focuses the email field', () => { // expect: javascript-testing-patterns/focused-test-prefix
    render(<LoginForm />);
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  xit('remembers the last email', () => { // expect: javascript-testing-patterns/skipped-test
    render(<LoginForm />);
  });

  it('fits on small screens', () => { // near: javascript-testing-patterns/focused-test-prefix
    render(<LoginForm compact />);
    expect(screen.getByRole('form')).toBeVisible();
  });
});
