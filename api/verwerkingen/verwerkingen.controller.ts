import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type Verwerking, VerwerkingRepository } from '../../platform/persistence/repositories';
import { type AangemeldeGebruiker, Gebruiker, Rollen } from '../auth';
import { limiet } from '../common/query';
import { ZodQuery } from '../common/zod-body.pipe';

const verwerkingenQuery = z.strictObject({
  inburgeraar: z.uuid({ message: 'inburgeraar is de id van een inburgeraar' }),
  limiet: limiet(500, 100),
  voor: z.iso.datetime({ message: 'voor is een tijdstip (ISO 8601)' }).optional(),
});

/**
 * The processing log for the gemeente's privacy officer (FG): everything the gemeente did with one
 * person's data, to answer an inzageverzoek (AVG art. 15). Only the rows of the officer's own gemeente.
 */
@ApiTags('privacy')
@ApiBearerAuth()
@Rollen('privacy')
@Controller('api/v1/verwerkingen')
export class VerwerkingenController {
  constructor(private readonly verwerkingen: VerwerkingRepository) {}

  @Get()
  @ApiOperation({
    summary: 'Verwerkingen van persoonsgegevens van één inburgeraar (inzageverzoek, AVG art. 15)',
  })
  @ApiQuery({ name: 'inburgeraar', required: true })
  @ApiQuery({ name: 'limiet', required: false })
  @ApiQuery({ name: 'voor', required: false, description: 'bladeren: het tijdstip van de laatste rij' })
  async lijst(
    @Query(new ZodQuery(verwerkingenQuery)) q: z.infer<typeof verwerkingenQuery>,
    @Gebruiker() gebruiker: AangemeldeGebruiker,
  ): Promise<{ items: (Verwerking & { id: string; tijdstip: string })[]; volgende: string | null }> {
    const rijen = await this.verwerkingen.vanPersoon(
      q.inburgeraar,
      gebruiker.gemeente,
      q.limiet + 1,
      q.voor ?? null,
    );
    const items = rijen.slice(0, q.limiet);
    return { items, volgende: rijen.length > q.limiet ? (items.at(-1)?.tijdstip ?? null) : null };
  }
}
