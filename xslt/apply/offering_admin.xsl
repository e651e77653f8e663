<?xml version="1.0" encoding="UTF-8"?>
<!--
  offering_admin.xsl — the tenant admin's windows and exports (CORE-18,
  CORE-20; src/apply/offering_admin.c, review_export.c):
    offering-admin  every offering of the tenant's features with its
                    windows per year, each year's fees (fee-kind: what
                    the offering declares; fee[@year]: the year's
                    amount, @set when the office set it, else the
                    default) and a form to set one;
    review-export   every window with its count of submitted applications
                    and the links to its CSV and ZIP of PDFs.
  Messages: offerings.*, review.export.* (xslt/i18n/ja-import.xml).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- "2026-04-01 00:00:00" as the datetime-local input's "2026-04-01T00:00". -->
  <xsl:template name="oa-local">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string-length($v) &gt;= 16 and substring($v, 11, 1) = ' '">
        <xsl:value-of select="concat(substring($v, 1, 10), 'T', substring($v, 12, 5))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'offering-admin']" mode="content">
    <xsl:variable name="oa" select="content/offering-admin"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.intro'"/></xsl:call-template></p>
    <ul class="links">
      <li><a href="/admin/offerings/import"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.offering-import'"/></xsl:call-template></a></li>
      <li><a href="/admin/review/export"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.review-export'"/></xsl:call-template></a></li>
    </ul>
    <xsl:apply-templates select="$oa/calendar"/>
    <xsl:for-each select="$oa/offering">
      <xsl:variable name="o" select="."/>
      <xsl:variable name="edit" select="edit"/>
      <section class="offering" data-kind="{@kind}" aria-labelledby="oa-{@kind}">
        <h2 id="oa-{@kind}"><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></h2>
        <xsl:choose>
          <xsl:when test="window">
            <div class="table-wrap">
              <table class="data windows">
                <thead>
                  <tr>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.year'"/></xsl:call-template></th>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.open'"/></xsl:call-template></th>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.close'"/></xsl:call-template></th>
                    <xsl:if test="$o/fee-kind"><th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.fees'"/></xsl:call-template></th></xsl:if>
                    <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.state'"/></xsl:call-template></th>
                    <th scope="col"><span class="visually-hidden"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.edit'"/></xsl:call-template></span></th>
                  </tr>
                </thead>
                <tbody>
                  <xsl:for-each select="window">
                    <tr data-year="{@year}" data-state="{@state}">
                      <td class="num"><xsl:value-of select="@year"/></td>
                      <td><xsl:value-of select="substring(@open, 1, 16)"/></td>
                      <td><xsl:value-of select="substring(@close, 1, 16)"/></td>
                      <xsl:if test="$o/fee-kind">
                        <td class="fees">
                          <xsl:for-each select="$o/fee[@year = current()/@year]">
                            <xsl:variable name="fk" select="$o/fee-kind[@name = current()/@name]"/>
                            <span class="fee" data-fee="{@name}"><xsl:call-template name="t"><xsl:with-param name="k" select="$fk/@title"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="format-number(@amount, '#,##0')"/><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.yen'"/></xsl:call-template><xsl:if test="not(@set)"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.fee.default'"/></xsl:call-template></xsl:if></span>
                            <xsl:if test="position() != last()"><br/></xsl:if>
                          </xsl:for-each>
                        </td>
                      </xsl:if>
                      <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('offerings.state.', @state)"/></xsl:call-template></td>
                      <td><a href="/admin/offerings?kind={$o/@kind}&amp;year={@year}#oa-form-{$o/@kind}"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.edit'"/></xsl:call-template></a></td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </div>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.none'"/></xsl:call-template></p>
          </xsl:otherwise>
        </xsl:choose>
        <!-- The form: prefilled with the chosen window, or what failed. -->
        <xsl:variable name="cur" select="window[@year = $edit/@year]"/>
        <form method="post" action="/admin/offerings" class="window-form" id="oa-form-{@kind}">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
          <input type="hidden" name="kind" value="{@kind}"/>
          <div class="field">
            <label for="oa-year-{@kind}"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.year'"/></xsl:call-template></label>
            <input type="text" inputmode="numeric" pattern="[0-9]{{4}}" maxlength="4" size="6" required="required" name="year" id="oa-year-{@kind}" value="{$edit/@year}">
              <xsl:if test="$edit"><xsl:attribute name="id">f-year</xsl:attribute></xsl:if>
            </input>
          </div>
          <div class="field">
            <label for="oa-open-{@kind}"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.open'"/></xsl:call-template></label>
            <input type="datetime-local" required="required" name="open_at" id="oa-open-{@kind}">
              <xsl:if test="$edit"><xsl:attribute name="id">f-open_at</xsl:attribute></xsl:if>
              <xsl:attribute name="value">
                <xsl:call-template name="oa-local"><xsl:with-param name="v" select="($edit/@open_at | $cur/@open)[1]"/></xsl:call-template>
              </xsl:attribute>
            </input>
          </div>
          <div class="field">
            <label for="oa-close-{@kind}"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.close'"/></xsl:call-template></label>
            <input type="datetime-local" required="required" name="close_at" id="oa-close-{@kind}">
              <xsl:if test="$edit"><xsl:attribute name="id">f-close_at</xsl:attribute></xsl:if>
              <xsl:attribute name="value">
                <xsl:call-template name="oa-local"><xsl:with-param name="v" select="($edit/@close_at | $cur/@close)[1]"/></xsl:call-template>
              </xsl:attribute>
            </input>
          </div>
          <!-- The year's fees: blank is the default (issue 12). -->
          <xsl:for-each select="fee-kind">
            <xsl:variable name="fname" select="concat('fee_', @name)"/>
            <xsl:variable name="typed" select="$edit/@*[name() = $fname]"/>
            <div class="field">
              <label for="oa-{$fname}-{$o/@kind}"><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></label>
              <input type="text" inputmode="numeric" maxlength="9" size="10" name="{$fname}" id="oa-{$fname}-{$o/@kind}" placeholder="{@default}" aria-describedby="oa-{$fname}-{$o/@kind}-hint">
                <xsl:if test="$edit"><xsl:attribute name="id">f-<xsl:value-of select="$fname"/></xsl:attribute></xsl:if>
                <xsl:attribute name="value">
                  <xsl:choose>
                    <xsl:when test="$typed"><xsl:value-of select="$typed"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$o/fee[@year = $cur/@year][@name = current()/@name][@set]/@amount"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
              </input>
              <p class="hint" id="oa-{$fname}-{$o/@kind}-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.fee.hint'"/></xsl:call-template><xsl:value-of select="format-number(@default, '#,##0')"/><xsl:call-template name="t"><xsl:with-param name="k" select="'fee.yen'"/></xsl:call-template></p>
            </div>
          </xsl:for-each>
          <div class="actions">
            <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.btn.save'"/></xsl:call-template></button>
          </div>
        </form>
      </section>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="page[@name = 'review-export']" mode="content">
    <xsl:variable name="ex" select="content/review-export"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.export.intro'"/></xsl:call-template></p>
    <xsl:choose>
      <xsl:when test="$ex/window">
        <div class="table-wrap">
          <table class="data exports">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.kind'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.year'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.export.count'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.export.files'"/></xsl:call-template></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$ex/window">
                <tr data-kind="{@kind}" data-year="{@year}">
                  <td><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></td>
                  <td class="num"><xsl:value-of select="@year"/></td>
                  <td class="num"><xsl:value-of select="@count"/></td>
                  <td>
                    <a href="/admin/review/export.csv?kind={@kind}&amp;year={@year}" download=""><xsl:call-template name="t"><xsl:with-param name="k" select="'review.export.csv'"/></xsl:call-template></a>
                    <xsl:text> </xsl:text>
                    <a href="/admin/review/export.zip?kind={@kind}&amp;year={@year}" download=""><xsl:call-template name="t"><xsl:with-param name="k" select="'review.export.zip'"/></xsl:call-template></a>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'review.export.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- ADM-1: every feature's applications in one place (queue_admin.c). -->
  <xsl:template match="page[@name = 'admin-queues']" mode="content">
    <xsl:variable name="q" select="content/queues"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.intro'"/></xsl:call-template></p>
    <form method="get" action="/admin/queues" class="search-form queue-filter">
      <div class="field">
        <label for="q-feature"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.feature'"/></xsl:call-template></label>
        <select id="q-feature" name="feature">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.any'"/></xsl:call-template></option>
          <xsl:for-each select="$q/feature">
            <option value="{@name}"><xsl:if test="@name = $q/@feature"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="concat('queues.feature.', @name)"/></xsl:call-template></option>
          </xsl:for-each>
        </select>
      </div>
      <div class="field">
        <label for="q-kind"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.offering'"/></xsl:call-template></label>
        <select id="q-kind" name="kind">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.any'"/></xsl:call-template></option>
          <xsl:for-each select="$q/offering">
            <option value="{@kind}"><xsl:if test="@kind = $q/@kind"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></option>
          </xsl:for-each>
        </select>
      </div>
      <div class="field">
        <label for="q-year"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.year'"/></xsl:call-template></label>
        <input type="text" inputmode="numeric" pattern="[0-9]{{4}}" maxlength="4" size="6" id="q-year" name="year" value="{$q/@year}"/>
      </div>
      <div class="field">
        <label for="q-state"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.state'"/></xsl:call-template></label>
        <select id="q-state" name="state">
          <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.any'"/></xsl:call-template></option>
          <xsl:for-each select="$q/state">
            <option value="{@name}"><xsl:if test="@name = $q/@state"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:call-template name="t"><xsl:with-param name="k" select="concat('apply.state.', @name)"/></xsl:call-template></option>
          </xsl:for-each>
        </select>
      </div>
      <div class="field">
        <label for="q-reviewer"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.reviewer'"/></xsl:call-template></label>
        <input type="text" id="q-reviewer" name="reviewer" maxlength="64" value="{$q/@reviewer}"/>
      </div>
      <div class="field">
        <label for="q-days"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.days'"/></xsl:call-template></label>
        <input type="text" inputmode="numeric" pattern="[0-9]{{1,4}}" maxlength="4" size="5" id="q-days" name="days" value="{$q/@days}"/>
      </div>
      <button type="submit" class="btn btn-primary"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.go'"/></xsl:call-template></button>
    </form>
    <ul class="queue-counts">
      <xsl:for-each select="$q/count">
        <li data-state="{@state}"><a href="/admin/queues?feature={$q/@feature}&amp;kind={$q/@kind}&amp;year={$q/@year}&amp;state={@state}&amp;reviewer={$q/@reviewer}&amp;days={$q/@days}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('apply.state.', @state)"/></xsl:call-template></a><xsl:text> </xsl:text><span class="count"><xsl:value-of select="@n"/></span></li>
      </xsl:for-each>
      <li data-state=""><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.total'"/></xsl:call-template><xsl:text> </xsl:text><span class="count"><xsl:value-of select="$q/@total"/></span></li>
    </ul>
    <p><a class="queue-csv" href="/admin/queues.csv?feature={$q/@feature}&amp;kind={$q/@kind}&amp;year={$q/@year}&amp;state={$q/@state}&amp;reviewer={$q/@reviewer}&amp;days={$q/@days}"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.csv'"/></xsl:call-template></a></p>
    <xsl:choose>
      <xsl:when test="$q/apps/app">
        <div class="table-wrap">
          <table class="data queue">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.number'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.offering'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'offerings.field.year'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.member'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.state'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.waiting'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.submitted'"/></xsl:call-template></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$q/apps/app">
                <tr data-state="{@state}" data-number="{@number}">
                  <td><xsl:choose><xsl:when test="@state != 'draft'"><a href="/review/{@id}"><xsl:value-of select="@number"/></a></xsl:when><xsl:otherwise><xsl:value-of select="@number"/></xsl:otherwise></xsl:choose></td>
                  <td><xsl:call-template name="t"><xsl:with-param name="k" select="@title"/></xsl:call-template></td>
                  <td class="num"><xsl:value-of select="@year"/></td>
                  <td><a href="/admin/members?q={@uid}"><xsl:value-of select="@name"/><xsl:if test="not(@name)"><xsl:value-of select="@uid"/></xsl:if></a><xsl:if test="@member-no"><xsl:text> </xsl:text><small><xsl:value-of select="@member-no"/></small></xsl:if></td>
                  <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('apply.state.', @state)"/></xsl:call-template><xsl:if test="@stage-title"><br/><small><xsl:call-template name="t"><xsl:with-param name="k" select="@stage-title"/></xsl:call-template></small></xsl:if></td>
                  <td class="num"><xsl:value-of select="@waiting-days"/></td>
                  <td><xsl:value-of select="substring(@submitted, 1, 16)"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <xsl:if test="$q/@more = '1'"><p class="note"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.more'"/></xsl:call-template></p></xsl:if>
      </xsl:when>
      <xsl:otherwise><p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.none'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!--
    issue 14: the next 12 months of every feature as one table.  A month
    is marked when a span covers any of it: the span's months compared
    as numbers (202612).  Offerings' windows link to their form on this
    page; a feature's own rows (recruit's rounds) to the page that edits
    them by that feature's rules, read-only here.
  -->
  <xsl:template match="calendar">
    <xsl:variable name="months" select="month"/>
    <section class="calendar" aria-labelledby="oa-calendar">
      <h2 id="oa-calendar"><xsl:call-template name="t"><xsl:with-param name="k" select="'calendar.title'"/></xsl:call-template></h2>
      <div class="table-wrap">
        <table class="data calendar">
          <thead>
            <tr>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'queues.offering'"/></xsl:call-template></th>
              <xsl:for-each select="$months">
                <th scope="col" data-ym="{@ym}"><xsl:value-of select="@y"/>/<xsl:value-of select="@m"/></th>
              </xsl:for-each>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="row">
              <xsl:variable name="row" select="."/>
              <tr data-kind="{@kind}" data-feature="{@feature}">
                <xsl:if test="not(@kind)"><xsl:attribute name="class">readonly</xsl:attribute></xsl:if>
                <th scope="row">
                  <xsl:choose>
                    <xsl:when test="@title-key"><xsl:call-template name="t"><xsl:with-param name="k" select="@title-key"/></xsl:call-template></xsl:when>
                    <xsl:otherwise><a href="{@href}"><xsl:value-of select="@title"/></a><xsl:text> </xsl:text><small><xsl:call-template name="t"><xsl:with-param name="k" select="'calendar.readonly'"/></xsl:call-template></small></xsl:otherwise>
                  </xsl:choose>
                </th>
                <xsl:for-each select="$months">
                  <xsl:variable name="ym" select="number(@ym)"/>
                  <xsl:variable name="on" select="$row/span[number(translate(substring(@open, 1, 7), '-', '')) &lt;= $ym and number(translate(substring(@close, 1, 7), '-', '')) &gt;= $ym]"/>
                  <td data-ym="{@ym}">
                    <xsl:if test="$on"><xsl:attribute name="class">open</xsl:attribute></xsl:if>
                    <xsl:for-each select="$on">
                      <xsl:variable name="text">
                        <xsl:choose>
                          <xsl:when test="@label"><xsl:call-template name="t"><xsl:with-param name="k" select="@label"/></xsl:call-template></xsl:when>
                          <xsl:otherwise><xsl:value-of select="@year"/></xsl:otherwise>
                        </xsl:choose>
                      </xsl:variable>
                      <xsl:choose>
                        <xsl:when test="$row/@kind"><a class="span" href="/admin/offerings?kind={$row/@kind}&amp;year={@year}#oa-form-{$row/@kind}" title="{substring(@open, 1, 16)} ~ {substring(@close, 1, 16)}"><xsl:value-of select="$text"/></a></xsl:when>
                        <xsl:otherwise><span class="span" title="{substring(@open, 1, 16)} ~ {substring(@close, 1, 16)}"><xsl:value-of select="$text"/></span></xsl:otherwise>
                      </xsl:choose>
                      <xsl:text> </xsl:text>
                    </xsl:for-each>
                  </td>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

</xsl:stylesheet>
