import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { fleetApiRef } from '../../api';
import { mockFleetApi } from '../../__testUtils__/fleetApi';
import { GpuSizingField, type GpuSizingFieldUiOptions } from './GpuSizingField';
import type { GpuSizingAnswer } from './proposal';

type Props = FieldExtensionComponentProps<
  GpuSizingAnswer,
  GpuSizingFieldUiOptions
>;

const MEDIUM = {
  engineReplicas: 2,
  gpusPerEngine: 1,
  engineMemoryGiB: 16,
  cpu: '4',
  memory: '24Gi',
};

/** The field as a form holds it: its value in state, the other answers in the form context. */
function Form(props: {
  initial?: GpuSizingAnswer;
  chartVersion?: string;
  onChange: (value: GpuSizingAnswer) => void;
  overrides?: Partial<Props>;
}) {
  const [value, setValue] = useState(props.initial);
  const fieldProps = {
    formData: value,
    onChange: (next: GpuSizingAnswer) => {
      setValue(next);
      props.onChange(next);
    },
    required: true,
    rawErrors: [],
    schema: {
      title: 'Load and engines',
      type: 'object',
      required: ['expectedStreams', 'engineReplicas'],
      properties: {
        expectedStreams: { title: 'Expected concurrent streams' },
      },
    },
    uiSchema: {},
    idSchema: { $id: 'root_gpuSizing' },
    formContext: { formData: { chartVersion: props.chartVersion } },
    ...props.overrides,
  } as unknown as Props;
  return <GpuSizingField {...fieldProps} />;
}

async function renderField(
  options: {
    initial?: GpuSizingAnswer;
    chartVersion?: string;
    overrides?: Partial<Props>;
    fleetApi?: ReturnType<typeof mockFleetApi>;
  } = {},
) {
  const onChange = jest.fn();
  const fleetApi = options.fleetApi ?? mockFleetApi();
  await renderInTestApp(
    <TestApiProvider apis={[[fleetApiRef, fleetApi]]}>
      <Form
        initial={options.initial}
        chartVersion={options.chartVersion ?? '0.42.0'}
        overrides={options.overrides}
        onChange={onChange}
      />
    </TestApiProvider>,
  );
  return { onChange, fleetApi };
}

const figure = (name: string) =>
  screen.getByLabelText(new RegExp(`^${name}`)) as HTMLInputElement;

describe('GpuSizingField', () => {
  it('proposes the engines for the load typed, from the chosen version’s sizing table', async () => {
    const { onChange, fleetApi } = await renderField();
    expect(
      await screen.findByText(
        "Enter the load: chart 0.42.0's sizing table proposes the engines for it.",
      ),
    ).toBeInTheDocument();
    fireEvent.change(figure('Expected concurrent streams'), {
      target: { value: '8' },
    });
    expect(onChange).toHaveBeenLastCalledWith({
      expectedStreams: 8,
      ...MEDIUM,
    });
    expect(fleetApi.getReleases).toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent(
      "For 8 concurrent streams, chart 0.42.0's sizing proposes medium: 2 engine pods with 1 GPU, 16 GiB of GPU memory, 4 CPU and 24Gi memory each.",
    );
    expect(figure('Engine replicas').value).toBe('2');
    expect(figure('GPU memory per engine').value).toBe('16');
    expect(figure('Memory per engine').value).toBe('24Gi');

    fireEvent.change(figure('Expected concurrent streams'), {
      target: { value: '40' },
    });
    expect(onChange).toHaveBeenLastCalledWith({
      expectedStreams: 40,
      engineReplicas: 3,
      gpusPerEngine: 1,
      engineMemoryGiB: 24,
      cpu: '8',
      memory: '32Gi',
    });
  });

  it('keeps what the SE overrides, and brings the proposal back on request', async () => {
    const { onChange } = await renderField({
      initial: { expectedStreams: 8, ...MEDIUM },
    });
    await screen.findByText(/sizing proposes medium/);
    expect(
      screen.queryByRole('button', { name: 'Use the proposal' }),
    ).not.toBeInTheDocument();

    fireEvent.change(figure('Engine replicas'), { target: { value: '4' } });
    fireEvent.change(figure('GPU memory per engine'), {
      target: { value: '20' },
    });
    expect(onChange).toHaveBeenLastCalledWith({
      expectedStreams: 8,
      ...MEDIUM,
      engineReplicas: 4,
      engineMemoryGiB: 20,
    });
    expect(
      screen.getByText('Your figures differ from the proposal.'),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Use the proposal' }));
    expect(onChange).toHaveBeenLastCalledWith({
      expectedStreams: 8,
      ...MEDIUM,
    });
  });

  it('fills the figures once the policy is read when the load came first', async () => {
    const { onChange } = await renderField({
      initial: { expectedStreams: 2 },
    });
    await screen.findByText(/sizing proposes light/);
    expect(onChange).toHaveBeenCalledWith({
      expectedStreams: 2,
      engineReplicas: 1,
      gpusPerEngine: 1,
      engineMemoryGiB: 12,
      cpu: '4',
      memory: '16Gi',
    });
  });

  it('asks for the figures where the policy has no sizing for the version', async () => {
    const { onChange } = await renderField({ chartVersion: '0.20.0' });
    fireEvent.change(
      await screen.findByLabelText(/^Expected concurrent streams/),
      { target: { value: '8' } },
    );
    expect(
      await screen.findByText(
        'The release policy has no sizing for chart 0.20.0: enter the figures.',
      ),
    ).toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith({ expectedStreams: 8 });
  });

  it('asks for the chart version first', async () => {
    await renderField({ chartVersion: '' });
    expect(
      await screen.findByText(
        'Pick the chart version for a proposal from its sizing table.',
      ),
    ).toBeInTheDocument();
  });

  it('says when the releases cannot be read', async () => {
    await renderField({
      fleetApi: mockFleetApi({
        getReleases: jest.fn().mockRejectedValue(new Error('fleet is down')),
      }),
    });
    expect(
      await screen.findByText(
        'The release policy could not be read: fleet is down',
      ),
    ).toBeInTheDocument();
  });

  it('shows each figure’s error under it', async () => {
    await renderField({
      initial: { expectedStreams: 8, ...MEDIUM, cpu: '4 cores' },
      overrides: {
        errorSchema: {
          cpu: { __errors: ['CPU per engine: like "4" or "3500m"'] },
        },
      } as Partial<Props>,
    });
    expect(
      await screen.findByText('CPU per engine: like "4" or "3500m"'),
    ).toBeInTheDocument();
  });
});
