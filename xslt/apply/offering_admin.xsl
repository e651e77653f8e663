<?xml version="1.0" encoding="UTF-8"?>
<!--
  offering_admin.xsl — the tenant admin's windows and exports (CORE-18,
  CORE-20; src/apply/offering_admin.c, review_export.c):
    offering-admin  every offering of the tenant's features with its
                    windows per year and a form to set one;
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

</xsl:stylesheet>
