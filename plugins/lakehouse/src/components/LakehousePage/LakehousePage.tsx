import {
  Content,
  ContentHeader,
  Header,
  HeaderLabel,
  InfoCard,
  Page,
} from '@backstage/core-components';
import { JOB_NAMES } from '@medallion/plugin-lakehouse-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';

/**
 * The lakehouse landing page.
 *
 * @public
 */
export const LakehousePage = () => (
  <Page themeId="tool">
    <Header
      title="Medallion lakehouse"
      subtitle="Streaming bronze → silver → gold, inside Backstage"
    >
      <HeaderLabel label="Lifecycle" value="Experimental" />
    </Header>
    <Content>
      <ContentHeader title="Lakehouse" />
      <Grid container spacing={3} direction="column">
        <Grid item>
          <InfoCard title="Coming soon">
            <Typography variant="body1">
              The lakehouse UI (table catalog, lineage, dbt docs, freshness and
              anomalies) arrives in later issues.
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Jobs: {JOB_NAMES.join(', ')}
            </Typography>
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  </Page>
);
