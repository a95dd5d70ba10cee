import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import { PartValue } from './part-value';

describe('a summary part in a grid cell', () => {
  it('says "Not permitted" when the EHR withholds it, with why on hover, and no warning icon', () => {
    render(
      <FluentProvider theme={teamsLightTheme}>
        <PartValue part={{ status: 'not_permitted' }} label="Vitals" source="ehr">
          {() => 'value'}
        </PartValue>
      </FluentProvider>,
    );

    const cell = screen.getByText('Not permitted');
    expect(cell).toHaveAttribute('title', 'not permitted: the EHR does not give Rounds access to this');
    expect(screen.queryByRole('img', { name: /could not be loaded/ })).not.toBeInTheDocument();
  });
});
