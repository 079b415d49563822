import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { FieldValidation } from '@rjsf/utils';
import { fleetApiRef } from '../../api';
import { mockFleetApi } from '../../__testUtils__/fleetApi';
import { ChartVersionPicker } from './ChartVersionPicker';
import { chartVersionValidation } from './validation';

type Props = FieldExtensionComponentProps<string, { chart?: string }>;

async function renderPicker(overrides: Partial<Props> = {}) {
  const onChange = jest.fn();
  const props = {
    onChange,
    formData: undefined,
    required: true,
    rawErrors: [],
    schema: { title: 'Chart version' },
    uiSchema: {},
    idSchema: { $id: 'root_chartVersion' },
    ...overrides,
  } as unknown as Props;
  const fleetApi = mockFleetApi();
  await renderInTestApp(
    <TestApiProvider apis={[[fleetApiRef, fleetApi]]}>
      <ChartVersionPicker {...props} />
    </TestApiProvider>,
  );
  return { onChange, fleetApi };
}

describe('ChartVersionPicker', () => {
  it('offers the releases of the chart, newest first, and returns the version picked', async () => {
    const { onChange, fleetApi } = await renderPicker();
    await screen.findByLabelText(/Chart version/);
    fireEvent.mouseDown(screen.getByRole('combobox'));
    const options = await screen.findAllByRole('option');
    expect(fleetApi.getReleases).toHaveBeenCalled();
    const labels = options.map(o => o.textContent);
    expect(labels.length).toBeGreaterThan(1);
    expect(labels[0]).toMatch(/^\d+\.\d+\.\d+ · /);
    fireEvent.click(options[0]);
    expect(onChange).toHaveBeenCalledWith(labels[0]!.split(' · ')[0]);
  });

  it('shows the version already chosen', async () => {
    await renderPicker({ formData: '0.40.2' });
    const input = await screen.findByRole('combobox');
    expect((input as HTMLInputElement).value).toMatch(/^0\.40\.2/);
  });

  it('says when the fleet knows no releases of the chart', async () => {
    await renderPicker({
      uiSchema: { 'ui:options': { chart: 'other-chart' } },
    } as Partial<Props>);
    expect(
      await screen.findByText('The fleet knows no releases of other-chart'),
    ).toBeInTheDocument();
    expect(within(document.body).queryByRole('option')).toBeNull();
  });
});

describe('chartVersionValidation', () => {
  it("refuses what is not a version, in the form's words", () => {
    const addError = jest.fn();
    chartVersionValidation('latest', {
      addError,
    } as unknown as FieldValidation);
    expect(addError).toHaveBeenCalledWith(
      'Chart version: pick one of the releases (a version such as "0.42.0"), got "latest"',
    );
    addError.mockClear();
    chartVersionValidation('0.42.0', {
      addError,
    } as unknown as FieldValidation);
    expect(addError).not.toHaveBeenCalled();
  });
});
